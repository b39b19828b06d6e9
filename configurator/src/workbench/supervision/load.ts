import { request } from '../../api/request';
import type { SupervisionDashboardQuery, SupervisionDashboardQueryVariables } from '../../generated/graphql';
import type { DashboardFigures, FieldProblem, GroupFigures, Named, Period } from './model';
import { SUPERVISION_DASHBOARD } from './queries';

/** The dashboard's figures, or why the server refused (e.g. a region not within mine). */
export type Loaded = { figures: DashboardFigures } | { message: Named; errors: FieldProblem[] };

type Answer = SupervisionDashboardQuery['supervisionDashboard'];
type Dashboard = Extract<Answer, { __typename: 'SupervisionDashboard' }>;
type Group = Dashboard['total'];

function group(g: Group): GroupFigures {
  return {
    code: g.code,
    name: { zh: g.nameZh, en: g.nameEn },
    applications: g.applications,
    completed: g.completed,
    zeroRunShare: g.zeroRunShare,
    oneRunShare: g.oneRunShare,
    onTimeRate: g.onTimeRate,
  };
}

/** The API's answer as the screen's figures (an overdue row names its matter as byMatter does). */
export function figuresOf(d: Dashboard): DashboardFigures {
  const matters = new Map(d.byMatter.map((m) => [m.code, { zh: m.nameZh, en: m.nameEn }]));
  return {
    from: d.from,
    to: d.to,
    regionCode: d.regionCode,
    received: d.total.applications,
    completed: d.total.completed,
    onTimeRate: d.onTimeRate,
    zeroRunShare: d.total.zeroRunShare,
    oneRunShare: d.total.oneRunShare,
    overdueCount: d.overdue,
    daily: d.daily,
    byMatter: d.byMatter.map(group),
    byDepartment: d.byDepartment.map(group),
    ratings: d.ratings,
    overdue: d.overdueItems.map((o) => ({
      application: o.applicationId,
      matter: matters.get(o.matterCode) ?? { zh: o.matterCode, en: o.matterCode },
      department: { zh: o.departmentName, en: o.departmentName },
      dueOn: o.dueOn,
      daysOver: o.daysOver,
    })),
  };
}

export async function loadDashboard(period: Period, region: string | null): Promise<Loaded> {
  const data = await request<SupervisionDashboardQuery, SupervisionDashboardQueryVariables>(SUPERVISION_DASHBOARD, {
    from: period.from,
    to: period.to,
    region,
  });
  const answer = data.supervisionDashboard;
  if (answer.__typename === 'BackofficeError') return { message: answer.message, errors: answer.errors };
  return { figures: figuresOf(answer) };
}
