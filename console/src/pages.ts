/**
 * The console's pages: each is loaded on demand and shown to the roles listed. A new page is one
 * entry here and one file (or folder) in pages/.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from './session.ts';

export interface PageEntry {
  path: string;
  zh: string;
  en: string;
  roles: readonly Role[];
  component: LazyExoticComponent<ComponentType>;
  /** false: reached otherwise (消息通知 from the header's bell), not listed in the menu. */
  menu?: boolean;
  /** Listed under the menu's 共享管理 (the sharing administrators' and the office's tools), not on its top row. */
  management?: boolean;
}

export const PAGES: readonly PageEntry[] = [
  {
    path: 'catalog',
    zh: '数据目录',
    en: 'Catalog',
    roles: ['consumer', 'provider-admin', 'platform-admin'],
    component: lazy(() => import('./pages/Catalog.tsx')),
  },
  { path: 'mine', zh: '我的申请 / 我的授权', en: 'My requests & grants', roles: ['consumer'], component: lazy(() => import('./pages/Mine.tsx')) },
  { path: 'inbox', zh: '待办', en: 'To answer', roles: ['provider-admin'], component: lazy(() => import('./pages/Inbox.tsx')) },
  {
    path: 'usage',
    zh: '谁用了我的数据',
    en: 'Who used my data',
    roles: ['provider-admin', 'platform-admin'],
    component: lazy(() => import('./pages/Usage.tsx')),
  },
  { path: 'office', zh: '协调办', en: 'Coordination office', roles: ['platform-admin'], component: lazy(() => import('./pages/Office.tsx')) },
  { path: 'explorer', zh: '查询工作台', en: 'Explorer', roles: ['consumer'], component: lazy(() => import('./pages/Explorer.tsx')) },
  {
    path: 'evaluation',
    zh: '评价报告',
    en: 'Evaluation',
    roles: ['provider-admin', 'platform-admin'],
    component: lazy(() => import('./pages/evaluation/Evaluation.tsx')),
    management: true,
  },
  {
    path: 'dry-run',
    zh: '策略预演',
    en: 'Policy dry run',
    roles: ['provider-admin', 'platform-admin'],
    component: lazy(() => import('./pages/dry-run/DryRun.tsx')),
    management: true,
  },
  {
    path: 'webhooks',
    zh: 'Webhook 推送',
    en: 'Webhooks',
    roles: ['provider-admin', 'platform-admin'],
    component: lazy(() => import('./pages/webhooks/Webhooks.tsx')),
    management: true,
  },
  {
    path: 'notifications',
    zh: '消息通知',
    en: 'Notifications',
    roles: ['consumer', 'provider-admin', 'platform-admin'],
    component: lazy(() => import('./pages/notifications/Notifications.tsx')),
    menu: false,
  },
];
