import { Button, Form, Input, Space } from 'antd';

/** A department's contacts: a name with a mainland mobile or an area-coded landline, and an e-mail. */
export function ContactsField() {
  return (
    <Form.List name="contacts">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, i) => (
            <Space key={field.key} align="baseline" wrap>
              <Form.Item
                name={[field.name, 'name']}
                label={`联系人 ${i + 1}`}
                rules={[{ required: true, message: '请填写联系人姓名' }]}
              >
                <Input placeholder="姓名" />
              </Form.Item>
              <Form.Item name={[field.name, 'phone']} label="电话">
                <Input placeholder="13912345678 或 0431-88889999" />
              </Form.Item>
              <Form.Item name={[field.name, 'email']} label="电子邮箱">
                <Input placeholder="name@example.gov.cn" />
              </Form.Item>
              <Button onClick={() => remove(field.name)}>删除</Button>
            </Space>
          ))}
          <Button onClick={() => add({ name: '' })}>添加联系人</Button>
        </>
      )}
    </Form.List>
  );
}
