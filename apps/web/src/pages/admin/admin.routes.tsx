import { SettingOutlined } from '@ant-design/icons';
import type { Area } from '../../routes';
import { Placeholder } from '../placeholder.page';

/** The administration area (branch web-admin fills it): departments, accounts, calendar, audit. */
export const adminArea: Area = {
  routes: [{ path: 'admin', element: <Placeholder title="系统管理" />, roles: ['admin'] }],
  menu: [{ path: '/admin', label: '系统管理', icon: <SettingOutlined />, roles: ['admin'] }],
};
