import { SettingOutlined } from '@ant-design/icons';
import { Navigate } from 'react-router-dom';
import type { Area } from '../../routes';
import { ChannelsPage } from './channels.page';
import { DeliveriesPage } from './deliveries.page';
import { DepartmentsPage } from './departments.page';
import { HolidaysPage } from './holidays.page';
import { ImportsPage } from './imports.page';
import { ProjectControlsPage } from './project-controls.page';
import { UsersPage } from './users.page';

const admin: ['admin'] = ['admin'];

/** The administration area: departments, accounts, project controls, holidays, imports, deliveries, channels. */
export const adminArea: Area = {
  routes: [
    { path: 'admin', element: <Navigate to="/admin/departments" replace />, roles: admin },
    { path: 'admin/departments', element: <DepartmentsPage />, roles: admin },
    { path: 'admin/users', element: <UsersPage />, roles: admin },
    { path: 'admin/projects', element: <ProjectControlsPage />, roles: admin },
    { path: 'admin/holidays', element: <HolidaysPage />, roles: admin },
    { path: 'admin/imports', element: <ImportsPage />, roles: admin },
    { path: 'admin/deliveries', element: <DeliveriesPage />, roles: admin },
    { path: 'admin/channels', element: <ChannelsPage />, roles: admin },
  ],
  menu: [
    { path: '/admin/departments', label: '部门管理', icon: <SettingOutlined />, roles: admin },
    { path: '/admin/users', label: '用户管理', roles: admin },
    { path: '/admin/projects', label: '项目管控', roles: admin },
    { path: '/admin/holidays', label: '节假日安排', roles: admin },
    { path: '/admin/imports', label: '导入项目', roles: admin },
    { path: '/admin/deliveries', label: '投递失败与故障', roles: admin },
    { path: '/admin/channels', label: '通知渠道', roles: admin },
  ],
};
