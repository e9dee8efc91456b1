import { Flex, Spin } from 'antd';
import { lazy, type ComponentType, type ReactNode } from 'react';

/**
 * A page loaded only when its route is opened, so the sign-in page does not carry every page's code
 * (and ECharts) in its first download. The module's named export is the page.
 */
export function lazyPage<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): ReactNode {
  const Page = lazy<ComponentType>(() => load().then((m) => ({ default: m[name] })));
  return <Page />;
}

/** What shows while a page's code arrives (Suspense fallback); announced politely to screen readers. */
export function PageLoading() {
  return (
    <Flex role="status" gap={8} align="center" justify="center" style={{ padding: 48 }}>
      <Spin aria-hidden />
      <span>正在加载页面…</span>
    </Flex>
  );
}
