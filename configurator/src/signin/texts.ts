/** The texts of the forced password change: [中文, English], Chinese first. */
export const texts = {
  changeTitle: ['请设置新密码', 'Choose a new password'],
  changeIntro: [
    '管理员重置了您的密码。请输入收到的临时密码，再设置您自己的新密码（至少 12 位），之后才能继续使用。',
    'An administrator reset your password. Enter the temporary password you were given, then choose your own (at least 12 characters) to go on.',
  ],
  currentPassword: ['临时密码', 'Temporary password'],
  newPassword: ['新密码', 'New password'],
  confirmPassword: ['再次输入新密码', 'New password again'],
  currentMissing: ['请输入收到的临时密码', 'Enter the temporary password you were given'],
  newTooShort: ['新密码至少 12 位', 'The new password needs at least 12 characters'],
  confirmDiffers: ['两次输入的新密码不一致', 'The two new passwords differ'],
  savePassword: ['保存新密码', 'Save the new password'],
} as const;

export type TextKey = keyof typeof texts;
