import { ProjectOutlined } from '@ant-design/icons';
import { lazyPage } from '../../components/lazy-page';
import type { Area } from '../../routes';

/** The projects area: the list, registration, a project's page (every role, each in its own scope). */
export const projectsArea: Area = {
  routes: [
    { path: 'projects', element: lazyPage(() => import('./projects-list.page'), 'ProjectsListPage') },
    {
      path: 'projects/new',
      element: lazyPage(() => import('./project-register.page'), 'ProjectRegisterPage'),
    },
    { path: 'projects/:id', element: lazyPage(() => import('./project-detail.page'), 'ProjectDetailPage') },
  ],
  menu: [{ path: '/projects', label: '项目', icon: <ProjectOutlined /> }],
};
