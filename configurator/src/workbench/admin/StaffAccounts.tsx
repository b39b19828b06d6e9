import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { request } from '../../api/request';
import type {
  AdminCreateStaffMemberMutation,
  AdminCreateStaffMemberMutationVariables,
  AdminDeactivateMutation,
  AdminEndSessionsMutation,
  AdminReactivateMutation,
  AdminResetPasswordMutation,
  AdminStaffAccountsQuery,
  AdminStaffAccountsQueryVariables,
  AdminStaffHallsQuery,
  AdminUnlockMutation,
  AdminUpdateStaffMemberMutation,
  AdminUpdateStaffMemberMutationVariables,
  StaffRole,
} from '../../generated/graphql';
import type { MessageKey } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/I18nProvider';
import { fieldErrors } from '../../signin/fieldErrors';
import './admin.css';
import {
  ADMIN_CREATE_STAFF_MEMBER,
  ADMIN_DEACTIVATE,
  ADMIN_END_SESSIONS,
  ADMIN_REACTIVATE,
  ADMIN_RESET_PASSWORD,
  ADMIN_UNLOCK,
  ADMIN_UPDATE_STAFF_MEMBER,
} from './mutations';
import { ADMIN_STAFF_ACCOUNTS, ADMIN_STAFF_HALLS } from './queries';

type Account = AdminStaffAccountsQuery['staffAccounts'][number];
type Localized = { zh: string; en: string };
/** What every account action answers: the account's change, or a StaffError with its message. */
type Answered = { __typename: string; message?: Localized };

export const ROLE_TEXT: Record<StaffRole, MessageKey> = {
  WINDOW_CLERK: 'adminRoleWindowClerk',
  REVIEWER: 'adminRoleReviewer',
  COUNTY_ADMIN: 'adminRoleCountyAdmin',
  SUPERVISOR: 'adminRoleSupervisor',
  AGENT: 'adminRoleAgent',
};
const ROLES = Object.keys(ROLE_TEXT) as StaffRole[];
const FIELDS = ['username', 'name', 'role', 'region', 'department', 'hall'] as const;

interface NewAccount {
  username: string;
  name: string;
  role: StaffRole;
  region: string;
  department?: string;
  hall?: string;
}

interface Change {
  role: StaffRole;
  department?: string;
}

/** A temporary password shown once (a new account's or a reset's), with a copy button. */
function TemporaryPassword({ name, password, onClose }: { name: string; password: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const copy = () =>
    navigator.clipboard
      .writeText(password)
      .then(() => message.success(t('adminCopied')))
      .catch(() => message.error(t('adminCopyFailed')));
  return (
    <Modal
      open
      title={t('adminTemporaryTitle')}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('adminClose')}
        </Button>
      }
    >
      <Typography.Paragraph>{t('adminTemporaryHelp', { name })}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          readOnly
          value={password}
          aria-label={t('adminTemporaryLabel')}
          className="admin-temporary"
          data-testid="temporary-password"
          onFocus={(e) => e.target.select()}
        />
        <Button onClick={() => void copy()}>{t('adminCopy')}</Button>
      </Space.Compact>
    </Modal>
  );
}

/** The county administrator's staff accounts (人员账号): list, create, change, deactivate,
 * unlock, reset a password, end sessions; destructive actions ask first. */
export function StaffAccounts() {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [role, setRole] = useState<StaffRole | null>(null);
  const [active, setActive] = useState<boolean | null>(null);
  const [data, setData] = useState<AdminStaffAccountsQuery | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Account | null>(null);
  const [temporary, setTemporary] = useState<{ name: string; password: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [halls, setHalls] = useState<AdminStaffHallsQuery['staffHalls']>([]);
  const [createForm] = Form.useForm<NewAccount>();
  const [editForm] = Form.useForm<Change>();

  const load = useCallback(() => {
    setLoadError(null);
    request<AdminStaffAccountsQuery, AdminStaffAccountsQueryVariables>(ADMIN_STAFF_ACCOUNTS, { role, active })
      .then(setData)
      .catch((e: Error) => setLoadError(e.message));
  }, [role, active]);
  useEffect(load, [load]);

  /** Send one account action; a StaffError shows its message, anything else reloads the list. */
  const act = async <Answer,>(
    query: string,
    username: string,
    answerOf: (data: Answer) => Answered,
    done: (answer: never) => void,
  ) => {
    try {
      const answer = answerOf(await request<Answer, { username: string }>(query, { username }));
      if (answer.__typename === 'StaffError' && answer.message) message.error(pick(answer.message));
      else done(answer as never);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
    load();
  };

  const create = async (values: NewAccount) => {
    setBusy(true);
    try {
      const variables = {
        ...values,
        department: values.department?.trim() || null,
        hall: values.hall ? Number(values.hall) : null,
      };
      const { createStaffMember: answer } = await request<
        AdminCreateStaffMemberMutation,
        AdminCreateStaffMemberMutationVariables
      >(ADMIN_CREATE_STAFF_MEMBER, variables);
      if (answer.__typename === 'StaffMemberCreated') {
        setCreating(false);
        createForm.resetFields();
        message.success(t('adminCreated', { name: answer.account.name }));
        setTemporary({ name: answer.account.name, password: answer.temporaryPassword });
        load();
      } else {
        const fields = fieldErrors(answer.errors, FIELDS, pick);
        createForm.setFields(fields);
        if (fields.length === 0) message.error(pick(answer.message));
      }
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const save = async (values: Change) => {
    if (!editing) return;
    setBusy(true);
    try {
      const variables = {
        username: editing.username,
        role: values.role,
        department: values.department?.trim() || null,
      };
      const { updateStaffMember: answer } = await request<
        AdminUpdateStaffMemberMutation,
        AdminUpdateStaffMemberMutationVariables
      >(ADMIN_UPDATE_STAFF_MEMBER, variables);
      if (answer.__typename === 'StaffAccount') {
        setEditing(null);
        message.success(t('adminSaved'));
        load();
      } else {
        const fields = fieldErrors(answer.errors, ['role', 'department'] as const, pick);
        editForm.setFields(fields);
        if (fields.length === 0) message.error(pick(answer.message));
      }
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  // Not `required`: antd would put aria-required on the select's wrapper, which has no role.
  const roleChosen = {
    validator: (_: unknown, value: StaffRole | undefined) =>
      value ? Promise.resolve() : Promise.reject(new Error(t('adminRoleMissing'))),
  };
  const me = data?.me.username;
  const actions = (a: Account) => {
    const confirm = (key: MessageKey, onConfirm: () => void, label: MessageKey, danger = false) => (
      <Popconfirm
        title={t(key, { name: a.name })}
        okText={t('adminConfirm')}
        cancelText={t('adminCancel')}
        onConfirm={onConfirm}
      >
        <Button size="small" className={danger ? 'admin-danger' : undefined}>
          {t(label)}
        </Button>
      </Popconfirm>
    );
    const own = a.username === me;
    return (
      <Space wrap size={[6, 6]} aria-label={t('adminMore', { name: a.name })} role="group">
        {!own && (
          <Button
            size="small"
            onClick={() => {
              editForm.setFieldsValue({ role: a.role, department: a.departmentCode ?? '' });
              setEditing(a);
            }}
          >
            {t('adminEdit')}
          </Button>
        )}
        {!own &&
          a.active &&
          confirm(
            'adminDeactivateConfirm',
            () =>
              void act<AdminDeactivateMutation>(
                ADMIN_DEACTIVATE,
                a.username,
                (d) => d.deactivateStaffMember,
                () => message.success(t('adminDeactivated', { name: a.name })),
              ),
            'adminDeactivate',
            true,
          )}
        {!own && !a.active && (
          <Button
            size="small"
            onClick={() =>
              void act<AdminReactivateMutation>(
                ADMIN_REACTIVATE,
                a.username,
                (d) => d.reactivateStaffMember,
                () => message.success(t('adminReactivated', { name: a.name })),
              )
            }
          >
            {t('adminReactivate')}
          </Button>
        )}
        {!own && a.lockedOut && (
          <Button
            size="small"
            onClick={() =>
              void act<AdminUnlockMutation>(
                ADMIN_UNLOCK,
                a.username,
                (d) => d.unlockStaffMember,
                () => message.success(t('adminUnlocked', { name: a.name })),
              )
            }
          >
            {t('adminUnlock')}
          </Button>
        )}
        {!own &&
          confirm(
            'adminResetConfirm',
            () =>
              void act<AdminResetPasswordMutation>(
                ADMIN_RESET_PASSWORD,
                a.username,
                (d) => d.resetStaffPassword,
                (answer: { temporaryPassword: string }) =>
                  setTemporary({ name: a.name, password: answer.temporaryPassword }),
              ),
            'adminReset',
          )}
        {confirm(
          'adminEndSessionsConfirm',
          () =>
            void act<AdminEndSessionsMutation>(
              ADMIN_END_SESSIONS,
              a.username,
              (d) => d.endStaffSessions,
              (answer: { ended: number }) => message.success(t('adminSessionsEnded', { n: answer.ended })),
            ),
          'adminEndSessions',
        )}
      </Space>
    );
  };

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('adminStaffTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('adminStaffIntro')}</Typography.Paragraph>
      <div className="admin-filters">
        <Select<StaffRole | 'ALL'>
          aria-label={t('adminFilterRole')}
          style={{ width: 200 }}
          value={role ?? 'ALL'}
          onChange={(value) => setRole(value === 'ALL' ? null : value)}
          options={[
            { value: 'ALL', label: t('adminAllRoles') },
            ...ROLES.map((r) => ({ value: r, label: t(ROLE_TEXT[r]) })),
          ]}
        />
        <Select<'ALL' | 'ACTIVE' | 'INACTIVE'>
          aria-label={t('adminFilterActive')}
          style={{ width: 160 }}
          value={active === null ? 'ALL' : active ? 'ACTIVE' : 'INACTIVE'}
          onChange={(value) => setActive(value === 'ALL' ? null : value === 'ACTIVE')}
          options={[
            { value: 'ALL', label: t('adminAll') },
            { value: 'ACTIVE', label: t('adminActiveOnly') },
            { value: 'INACTIVE', label: t('adminInactiveOnly') },
          ]}
        />
        <span className="admin-grow" />
        <Button onClick={load}>{t('adminReload')}</Button>
        <Button
          type="primary"
          onClick={() => {
            createForm.setFieldsValue({ region: data?.me.regionCode ?? '' });
            setCreating(true);
            request<AdminStaffHallsQuery>(ADMIN_STAFF_HALLS)
              .then((found) => setHalls(found.staffHalls))
              .catch(() => setHalls([]));
          }}
        >
          {t('adminNewAccount')}
        </Button>
      </div>
      {loadError && <Alert type="error" showIcon message={t('adminLoadFailed', { error: loadError })} />}
      <Table<Account>
        rowKey="username"
        size="middle"
        loading={data === null && !loadError}
        dataSource={data?.staffAccounts ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <span className="admin-empty">{t('adminNoAccounts')}</span> }}
        scroll={{ x: 1100 }}
        columns={[
          { title: t('adminUsername'), dataIndex: 'username', width: 150 },
          { title: t('adminName'), dataIndex: 'name', width: 170 },
          { title: t('adminRole'), dataIndex: 'role', width: 120, render: (r: StaffRole) => t(ROLE_TEXT[r]) },
          { title: t('adminRegion'), dataIndex: 'regionCode', width: 100 },
          {
            title: t('adminDepartment'),
            dataIndex: 'departmentCode',
            width: 130,
            render: (d: string | null) => d ?? '—',
          },
          {
            title: t('adminStatus'),
            key: 'status',
            width: 150,
            render: (_: unknown, a: Account) => (
              <Space size={[4, 4]} wrap>
                {a.active ? <Tag color="green">{t('adminActive')}</Tag> : <Tag color="red">{t('adminInactive')}</Tag>}
                {a.lockedOut && <Tag color="orange">{t('adminLocked')}</Tag>}
                {a.mustChangePassword && <Tag>{t('adminMustChange')}</Tag>}
              </Space>
            ),
          },
          { title: t('adminActions'), key: 'actions', render: (_: unknown, a: Account) => actions(a) },
        ]}
      />

      <Modal
        open={creating}
        title={t('adminNewAccount')}
        onCancel={() => setCreating(false)}
        okText={t('adminCreate')}
        cancelText={t('adminCancel')}
        confirmLoading={busy}
        onOk={() => createForm.submit()}
        destroyOnHidden={false}
      >
        <Form<NewAccount>
          className="admin-form"
          form={createForm}
          layout="vertical"
          onFinish={(v) => void create(v)}
          requiredMark={false}
        >
          <Form.Item
            name="username"
            label={t('adminUsername')}
            rules={[{ required: true, whitespace: true, max: 64, message: t('adminUsernameMissing') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('adminName')}
            rules={[{ required: true, whitespace: true, max: 64, message: t('adminNameMissing') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="role" label={t('adminRole')} rules={[roleChosen]}>
            <Select<StaffRole> options={ROLES.map((r) => ({ value: r, label: t(ROLE_TEXT[r]) }))} />
          </Form.Item>
          <Form.Item
            name="region"
            label={t('adminRegion')}
            rules={[{ required: true, whitespace: true, message: t('adminRegionMissing') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="department" label={t('adminDepartment')} extra={t('adminDepartmentHelp')}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="hall" label={t('adminHall')} extra={t('adminHallHelp')}>
            <Select<string>
              allowClear
              options={halls.map((h) => ({ value: h.id, label: `${pick(h.name)} · ${h.regionCode}` }))}
            />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={editing !== null}
        title={editing ? t('adminEditTitle', { name: editing.name }) : ''}
        onCancel={() => setEditing(null)}
        okText={t('adminSave')}
        cancelText={t('adminCancel')}
        confirmLoading={busy}
        onOk={() => editForm.submit()}
      >
        <Typography.Paragraph type="secondary">{t('adminEditHelp')}</Typography.Paragraph>
        <Form<Change>
          className="admin-form"
          form={editForm}
          layout="vertical"
          onFinish={(v) => void save(v)}
          requiredMark={false}
        >
          <Form.Item name="role" label={t('adminRole')} rules={[roleChosen]}>
            <Select<StaffRole> options={ROLES.map((r) => ({ value: r, label: t(ROLE_TEXT[r]) }))} />
          </Form.Item>
          <Form.Item name="department" label={t('adminDepartment')} extra={t('adminDepartmentHelp')}>
            <Input autoComplete="off" />
          </Form.Item>
        </Form>
      </Modal>

      {temporary && (
        <TemporaryPassword name={temporary.name} password={temporary.password} onClose={() => setTemporary(null)} />
      )}
    </div>
  );
}
