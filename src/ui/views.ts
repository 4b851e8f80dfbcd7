import { lazy, type ComponentType } from 'react';

/**
 * The app's views, in tab order. Each view is a whole screen; the permalink's `view` parameter names one.
 * Views other than the first load on demand, so the first screen stays small.
 */
export interface ViewDefinition {
  readonly id: string;
  /** i18n key of the tab label. */
  readonly labelKey: string;
  readonly component: ComponentType;
}

export const VIEWS: readonly ViewDefinition[] = [
  {
    id: 'simulator',
    labelKey: 'views.simulator',
    component: lazy(() => import('./SimulatorView').then((m) => ({ default: m.SimulatorView }))),
  },
  {
    id: 'compare',
    labelKey: 'compare.tab',
    component: lazy(() => import('./compare/CompareView').then((m) => ({ default: m.CompareView }))),
  },
];
