import {
  ApartmentOutlined,
  CalendarOutlined,
  ControlOutlined,
  ImportOutlined,
  NotificationOutlined,
  TeamOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Navigate } from 'react-router-dom';
import { lazyPage } from '../../components/lazy-page';
import type { Area } from '../../routes';

const admin: ['admin'] = ['admin'];

/** The administration area: departments, accounts, project controls, holidays, imports, deliveries, channels. */
export const adminArea: Area = {
  routes: [
    { path: 'admin', element: <Navigate to="/admin/departments" replace />, roles: admin },
    {
      path: 'admin/departments',
      element: lazyPage(() => import('./departments.page'), 'DepartmentsPage'),
      roles: admin,
    },
    { path: 'admin/users', element: lazyPage(() => import('./users.page'), 'UsersPage'), roles: admin },
    {
      path: 'admin/projects',
      element: lazyPage(() => import('./project-controls.page'), 'ProjectControlsPage'),
      roles: admin,
    },
    {
      path: 'admin/holidays',
      element: lazyPage(() => import('./holidays.page'), 'HolidaysPage'),
      roles: admin,
    },
    { path: 'admin/imports', element: lazyPage(() => import('./imports.page'), 'ImportsPage'), roles: admin },
    {
      path: 'admin/deliveries',
      element: lazyPage(() => import('./deliveries.page'), 'DeliveriesPage'),
      roles: admin,
    },
    {
      path: 'admin/channels',
      element: lazyPage(() => import('./channels.page'), 'ChannelsPage'),
      roles: admin,
    },
  ],
  menu: [
    { path: '/admin/departments', label: '部门管理', icon: <ApartmentOutlined />, roles: admin },
    { path: '/admin/users', label: '用户管理', icon: <TeamOutlined />, roles: admin },
    { path: '/admin/projects', label: '项目管控', icon: <ControlOutlined />, roles: admin },
    { path: '/admin/holidays', label: '节假日安排', icon: <CalendarOutlined />, roles: admin },
    { path: '/admin/imports', label: '导入项目', icon: <ImportOutlined />, roles: admin },
    { path: '/admin/deliveries', label: '投递失败与故障', icon: <WarningOutlined />, roles: admin },
    { path: '/admin/channels', label: '通知渠道', icon: <NotificationOutlined />, roles: admin },
  ],
};
