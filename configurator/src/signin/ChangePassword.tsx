import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { request } from '../api/request';
import { session } from '../api/session';
import type { Member } from '../App';
import type { ChangePasswordMutation, ChangePasswordMutationVariables } from '../generated/graphql';
import { useI18n } from '../i18n/I18nProvider';
import { fieldErrors } from './fieldErrors';
import { CHANGE_PASSWORD } from './mutations';
import { texts, type TextKey } from './texts';

const MIN_PASSWORD = 12;

interface Passwords {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** After a password reset the session can do nothing but this: the member chooses their own
 * password, and the server answers with a fresh session. */
export function ChangePassword({
  onChanged,
  onSignOut,
}: {
  onChanged: (member: Member) => void;
  onSignOut: () => void;
}) {
  const { lang, t, pick } = useI18n();
  const say = (key: TextKey) => texts[key][lang === 'zh' ? 0 : 1];
  const [form] = Form.useForm<Passwords>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ currentPassword, newPassword }: Passwords) => {
    setBusy(true);
    setError(null);
    try {
      const { changePassword } = await request<ChangePasswordMutation, ChangePasswordMutationVariables>(
        CHANGE_PASSWORD,
        { currentPassword, newPassword },
      );
      if (changePassword.__typename === 'StaffSession') {
        session.save(changePassword.token);
        onChanged(changePassword.member);
      } else {
        form.setFields(fieldErrors(changePassword.errors, ['currentPassword', 'newPassword'] as const, pick));
        if (changePassword.errors.length === 0) setError(pick(changePassword.message));
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="sign-in" title={say('changeTitle')}>
      <Typography.Paragraph type="secondary">{say('changeIntro')}</Typography.Paragraph>
      <Form<Passwords> form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="currentPassword"
          label={say('currentPassword')}
          rules={[{ required: true, message: say('currentMissing') }]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={say('newPassword')}
          rules={[{ required: true, min: MIN_PASSWORD, message: say('newTooShort') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={say('confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: say('confirmDiffers') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(say('confirmDiffers'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} className="gap-below" />}
        <Button type="primary" htmlType="submit" block loading={busy}>
          {say('savePassword')}
        </Button>
        <Button type="link" block onClick={onSignOut}>
          {t('signOut')}
        </Button>
      </Form>
    </Card>
  );
}
