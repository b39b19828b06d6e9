/** The workbench's frame: its title and each role's menu, [中文, English]. */
export const workbenchTexts = {
  menuQueue: ['受理队列', 'Window queue'],
  menuReview: ['审查任务', 'Review tasks'],
  menuDashboard: ['督察看板', 'Supervision'],
  menuMatters: ['事项配置', 'Matters'],
  menuStaff: ['人员账号', 'Staff accounts'],
  menuFollowUps: ['回访整改', 'Rating follow-ups'],
  menuLabel: ['工作菜单', 'Work menu'],
  agentHome: [
    '代办员请在小程序的“代办”入口为在场群众办理；这里没有您要处理的工作。',
    'Agents file for the citizen present with them through the mini-program; there is no work for you here.',
  ],
} satisfies Record<string, readonly [string, string]>;
