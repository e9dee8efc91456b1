import { ProjectOutlined } from '@ant-design/icons';
import type { Area } from '../../routes';
import { ProjectDetailPage } from './project-detail.page';
import { ProjectRegisterPage } from './project-register.page';
import { ProjectsListPage } from './projects-list.page';

/** The projects area: the list, registration, a project's page (every role, each in its own scope). */
export const projectsArea: Area = {
  routes: [
    { path: 'projects', element: <ProjectsListPage /> },
    { path: 'projects/new', element: <ProjectRegisterPage /> },
    { path: 'projects/:id', element: <ProjectDetailPage /> },
  ],
  menu: [{ path: '/projects', label: '项目', icon: <ProjectOutlined /> }],
};
