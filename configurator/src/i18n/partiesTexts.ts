/** The texts of parties (多方申请) and deferrable materials (容缺受理): [中文, English]. */
export const partiesTexts = {
  tabParties: ['当事人', 'Parties'],
  sectionParties: ['当事人', 'Parties'],
  partiesHelp: [
    '多人共同办理的事项（如二手房买卖双方、新生儿的父母）在这里列出每一方：各自填写哪些字段、提交哪些材料、确认什么、谁领取办理结果。只有一位申请人的事项不用设置。',
    "For a matter done by several people (a house's seller and buyer; a newborn's parents) list each party: the fields they fill, the materials they provide, what they confirm and who receives the result. A matter with one applicant needs none.",
  ],
  noParties: ['未设置当事人：由一位申请人办理。', 'No parties: one applicant does the matter.'],
  partyNumber: ['当事人 {n}', 'Party {n}'],
  addParty: ['添加当事人', 'Add a party'],
  partyId: ['当事人编号', 'Party id'],
  partyIdHelp: [
    '小写英文，例如 seller、buyer、child；材料和办理结果用它指明是哪一方。',
    'Lowercase, e.g. seller, buyer, child; materials and the output name the party by it.',
  ],
  partyName: ['当事人名称', 'Name'],
  partyNameHelp: ['例如“卖方”“买方”“新生儿”。', 'e.g. 卖方 (Seller), 买方 (Buyer), 新生儿 (Newborn).'],
  partyRole: ['角色', 'Role'],
  partyRoleHelp: [
    '申请人：本人登录、填写自己的部分、授权自己的数据并确认。办理对象：不申请的一方（如新生儿），由申请人代填。',
    'Applicant: signs in, fills their part, consents for their own data and confirms. Subject: the person the matter is about who does not apply (a newborn), filled in by the applicants.',
  ],
  role_applicant: ['申请人', 'Applicant'],
  role_subject: ['办理对象', 'Subject'],
  partyRequired: ['必须参与', 'Required'],
  partyRequiredHelp: [
    '打开：这一方确认后才能提交。关闭：需要时才邀请（如共有人、配偶）。',
    'On: the application is submitted only once this party has confirmed. Off: invited only when needed (a co-owner, a spouse).',
  ],
  partyIdentityField: ['身份证号字段', 'Identity field'],
  partyIdentityFieldHelp: [
    '保存这一方身份证号的字段（格式须为身份证号）；登录后自动填入本人的身份证号，按身份证号邀请时必须一致。',
    "The field holding this party's resident ID (of format cn-resident-id): filled from their verified identity; an invitation by resident ID must match it.",
  ],
  partyNameField: ['姓名字段', 'Name field'],
  partyNameFieldHelp: [
    '保存这一方姓名的字段；发给办理对象（如新生儿）的证照以这个姓名为持证人。',
    "The field holding this party's name; an output issued to a subject (a newborn) is held in this name.",
  ],
  partyFields: ['本方字段', 'Own fields'],
  partyFieldsHelp: [
    '只由这一方填写、其他申请人看不到的字段。没有指定给任何一方的字段是共同字段，各方都能看到。',
    'Fields only this party fills and no other applicant sees. Fields no party names are common: every party sees them.',
  ],
  fieldOwnedBy: ['已属于 {party}', 'owned by {party}'],
  partyConfirm: ['确认内容', 'Confirmation'],
  partyConfirmHelp: [
    '这一方提交前确认的话，平实易懂，例如“我确认出售上述房屋，成交价格属实。”',
    'What this party confirms before submission, in plain words, e.g. I confirm I sell the house above at the price stated.',
  ],
  starterParty: ['发起申请的一方', 'The party who starts'],
  materialParty: ['提交方', 'Provided by'],
  materialPartyHelp: [
    '由哪一方提供：用这一方的电子证照和共享数据，需要跑动也算这一方的。不选则为发起申请的一方。',
    'Which party provides it: their e-licenses and shared data satisfy it, and a trip for it is theirs. None: the party who starts the application.',
  ],
  materialDeferrable: ['可容缺', 'Deferrable'],
  materialDeferrableHelp: [
    '窗口可以先受理、约定期限补交这份材料（容缺受理）；补齐之前不出办理结果。',
    'The window may accept without it and set a date to bring it (容缺受理); the result is withheld until it arrives.',
  ],
  outputHolder: ['持证方', 'Holder'],
  outputHolderHelp: [
    '办理结果发给哪一方（如买方；新生儿的证照由监护人查看）。不选则为发起申请的一方。',
    "Which party receives the result (the buyer; a newborn's, seen by the guardians). None: the party who starts.",
  ],
  outputSupersedes: ['注销原证', 'Cancels a licence'],
  outputSupersedesHelp: [
    '办结时注销哪一方的哪种原有证照（如卖方的不动产权证书），按表单中填写的证号找到它。',
    "The licence this result replaces, cancelled on completion (the seller's real-estate certificate), found by the number given in the form.",
  ],
  supersedesParty: ['原证持有方', 'Whose licence'],
  supersedesLicenseType: ['原证类型', 'Licence type'],
  supersedesNumberField: ['原证编号字段', 'Number field'],
  supersedesNumberFieldHelp: ['表单中填写原证编号的字段。', 'The form field holding the licence number.'],
  partyRunCounts: ['各方跑动次数', 'Trips per party'],
} satisfies Record<string, readonly [string, string]>;
