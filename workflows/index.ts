// The workflow bundle's entry point: every workflow type the worker runs.
export { projectLifecycle } from './project-lifecycle.workflow';
export { planFilingCycle } from './plan-filing-cycle.workflow';
