import { ProjectOutlined } from '@ant-design/icons';
import type { Area } from '../../routes';
import { Placeholder } from '../placeholder.page';

/** The projects area (branch web-projects fills it): list, registration, a project's page. */
export const projectsArea: Area = {
  routes: [
    { path: 'projects', element: <Placeholder title="项目" /> },
    { path: 'projects/:id', element: <Placeholder title="项目详情" /> },
  ],
  menu: [{ path: '/projects', label: '项目', icon: <ProjectOutlined /> }],
};
