import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { request } from '../api/request';
import { session } from '../api/session';
import type { Member } from '../App';
import type { SignInMutation, SignInMutationVariables } from '../generated/graphql';
import { useI18n } from '../i18n/I18nProvider';
import { SIGN_IN } from './mutations';

interface Credentials {
  username: string;
  password: string;
}

/** `onSignedIn` learns whether a password reset awaits the member's own new password. */
export function SignIn({ onSignedIn }: { onSignedIn: (member: Member, passwordChangeRequired: boolean) => void }) {
  const { t, pick } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      const { signIn } = await request<SignInMutation, SignInMutationVariables>(SIGN_IN, values);
      if (signIn.__typename === 'StaffSession') {
        session.save(signIn.token);
        onSignedIn(signIn.member, signIn.passwordChangeRequired);
      } else {
        setError(pick(signIn.message));
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="sign-in" title={t('signInTitle')}>
      <Typography.Paragraph type="secondary">{t('signInIntro')}</Typography.Paragraph>
      <Form<Credentials> layout="vertical" size="large" onFinish={submit} requiredMark={false}>
        <Form.Item name="username" label={t('username')} rules={[{ required: true, message: t('usernameMissing') }]}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('passwordMissing') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} className="gap-below" />}
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('signIn')}
        </Button>
      </Form>
    </Card>
  );
}
