import type { LocalizedText } from './settings';

interface Entry extends LocalizedText {
  /** Plainer wording for 长辈模式, where the usual one is official or terse. */
  plain?: LocalizedText;
}

/** Every text of the mini-program's own; what the server says comes with its own zh/en. */
export const DICTIONARY = {
  appName: { zh: '浙里办·最多跑一次', en: 'ZeroRun services' },
  back: { zh: '返回', en: 'Back' },
  loading: { zh: '正在加载…', en: 'Loading…' },
  retry: { zh: '重试', en: 'Try again' },
  elderlyMode: { zh: '长辈模式', en: 'Large text' },
  standardMode: { zh: '标准模式', en: 'Standard' },
  language: { zh: 'English', en: '中文' },
  errorGeneric: {
    zh: '出错了：',
    en: 'Something went wrong: ',
    plain: { zh: '没有办成，请稍后再试。原因：', en: 'That did not work; please try again later. Reason: ' },
  },

  signInTitle: { zh: '登录', en: 'Sign in' },
  signInIntro: {
    zh: '演示环境：请选择一位居民登录。正式小程序里用微信或支付宝一键登录。',
    en: 'Demo: choose a resident to sign in as. The real mini-program signs in with WeChat or Alipay.',
  },
  signInPlatform: { zh: '一键登录', en: 'Sign in with one tap' },
  signOut: { zh: '退出登录', en: 'Sign out' },

  hello: { zh: '您好，', en: 'Hello, ' },
  searchPlaceholder: {
    zh: '例如：身份证、过户',
    en: 'e.g. ID card, house',
    plain: { zh: '想办什么事？', en: 'What do you need?' },
  },
  search: { zh: '搜索', en: 'Search' },
  searchNone: { zh: '没有找到，换个说法试试。', en: 'Nothing found; try other words.' },
  lifeEvents: {
    zh: '一件事 · 一次办好',
    en: 'Life events, done in one go',
    plain: { zh: '一次办好几件事', en: 'Several things in one go' },
  },
  allMatters: { zh: '全部事项', en: 'All services' },
  myApplications: { zh: '我的办件', en: 'My applications', plain: { zh: '我办的事', en: 'My applications' } },

  runs0: { zh: '一次不用跑', en: 'Zero trips', plain: { zh: '不用出门', en: 'No need to go out' } },
  runs1: { zh: '最多跑一次', en: 'At most one trip', plain: { zh: '只跑一次', en: 'Only one trip' } },
  runsN: { zh: '需跑 {n} 次', en: '{n} trips' },
  runsEstimate: {
    zh: '这是还没共享数据时的估算；同意共享后可能一次都不用跑。',
    en: 'Estimated before any data is shared; consenting may save the trip.',
    plain: {
      zh: '如果您同意政府部门之间互相查资料，可能一次都不用跑。',
      en: 'If you let the offices look up your records, you may not need to go at all.',
    },
  },
  whyTrip: { zh: '为什么要跑：', en: 'Why: ' },
  howToSave: { zh: '怎样可以不跑：', en: 'How to avoid it: ' },
  summary: { zh: '办理说明', en: 'About' },
  members: { zh: '一次申请，这些部门同时办', en: 'One application, these departments in parallel' },
  materials: { zh: '申请材料', en: 'Materials', plain: { zh: '要准备的东西', en: 'What you need' } },
  materialWhy: { zh: '为什么要：', en: 'Why: ' },
  materialSample: { zh: '样子：', en: 'Looks like: ' },
  materialConditional: { zh: '视情形需要', en: 'Depends on your situation' },
  materialWays: { zh: '提供方式：', en: 'Ways to provide: ' },
  onSite: { zh: '需要本人到场', en: 'In person', plain: { zh: '要本人去一趟', en: 'You must go in person' } },
  fees: { zh: '收费', en: 'Fees' },
  free: { zh: '不收费', en: 'Free' },
  yuan: { zh: '{n} 元', en: 'CNY {n}' },
  timeLimits: { zh: '办理时限', en: 'Time limits' },
  promisedDays: { zh: '承诺 {n} 个工作日办结', en: 'Done within {n} working days (promised)' },
  onTheSpot: { zh: '当场办结', en: 'Done on the spot' },
  statutoryDays: { zh: '法定时限 {n} 个工作日', en: 'Statutory limit: {n} working days' },
  delivery: { zh: '领取方式', en: 'How you get the result' },
  contact: { zh: '咨询', en: 'Contact' },
  legalBasis: { zh: '办理依据', en: 'Legal basis' },
  start: { zh: '开始办理', en: 'Start', plain: { zh: '现在就办', en: 'Start now' } },

  stepSituation: { zh: '情形', en: 'Situation' },
  stepCheck: { zh: '核验', en: 'Check' },
  stepConsent: { zh: '授权', en: 'Consent' },
  stepForm: { zh: '填表', en: 'Form' },
  stepMaterials: { zh: '材料', en: 'Materials' },
  stepSubmit: { zh: '提交', en: 'Submit' },
  next: { zh: '下一步', en: 'Next' },

  situationTitle: {
    zh: '请回答几个问题',
    en: 'A few questions',
    plain: { zh: '先回答几个简单问题', en: 'First, a few simple questions' },
  },
  situationWhy: {
    zh: '您的回答决定要交哪些材料，不会多要。',
    en: 'Your answers decide which materials are needed, and nothing more.',
  },
  situationNone: { zh: '这件事不用回答问题。', en: 'No questions for this one.' },
  hint: { zh: '提示：', en: 'Note: ' },

  checkTitle: { zh: '能不能办', en: 'Can you apply', plain: { zh: '您能不能办', en: 'Can you apply' } },
  eligible: { zh: '您符合办理条件', en: 'You can apply', plain: { zh: '可以办', en: 'You can apply' } },
  notEligible: { zh: '暂时不能办理', en: 'You cannot apply yet', plain: { zh: '现在还不能办', en: 'Not yet' } },
  checkedLater: {
    zh: '还有几项条件（例如买卖双方的身份）要等您填完表再核验。',
    en: 'Some conditions (such as who the parties are) are checked once the form is filled in.',
  },
  changeSituation: { zh: '修改回答', en: 'Change answers' },
  trips: { zh: '要跑几次', en: 'Trips', plain: { zh: '要去几次', en: 'How many trips' } },

  consentTitle: {
    zh: '授权查询您的数据',
    en: 'Consent to data sharing',
    plain: { zh: '让部门帮您查资料', en: 'Let the offices look up your records' },
  },
  consentIntro: {
    zh: '同意后，下列部门的数据会用来预填表单、免交材料。不同意的，可以自己上传或带原件。',
    en: 'Once you consent, these records prefill the form and replace materials. Without consent you upload them or bring originals.',
    plain: {
      zh: '您同意后，我们去这些部门查您的资料，您就不用自己交了。不同意也可以，自己交就行。',
      en: 'If you agree, we fetch your records from these offices so you need not bring them. You can also say no and hand them in yourself.',
    },
  },
  consentHolder: { zh: '数据来自：', en: 'Held by: ' },
  consentPurpose: { zh: '用途：', en: 'Purpose: ' },
  consentBasis: { zh: '依据：', en: 'Legal basis: ' },
  consentElements: { zh: '会读取：', en: 'Reads: ' },
  consentGranted: { zh: '已授权', en: 'Consented' },
  consentGrant: { zh: '同意并查询', en: 'Consent and fetch', plain: { zh: '同意，帮我查', en: 'Yes, look them up' } },
  consentRetry: { zh: '再查一次', en: 'Fetch again' },
  pullOk: { zh: '已查到', en: 'Found' },
  pullNoRecord: { zh: '没有查到记录', en: 'No record found' },
  pullFailed: { zh: '暂时没查到', en: 'Not fetched' },
  prefilledTitle: {
    zh: '已为您预填',
    en: 'Prefilled for you',
    plain: { zh: '这些已经帮您填好了', en: 'Already filled in for you' },
  },
  from: { zh: '来自', en: 'from' },

  formTitle: { zh: '填写申请表', en: 'Application form', plain: { zh: '填表', en: 'Fill in the form' } },
  required: { zh: '必填', en: 'Required' },
  readOnly: { zh: '来自{source}，不能修改', en: 'From {source}; cannot be changed' },
  choose: { zh: '请选择', en: 'Choose' },
  save: { zh: '保存', en: 'Save' },
  saved: { zh: '已保存', en: 'Saved' },
  fixBelow: {
    zh: '有 {n} 处需要修改，见下方红字。',
    en: '{n} problem(s); see the red notes below.',
    plain: { zh: '有 {n} 个地方要改，看下面红色的字。', en: '{n} thing(s) to fix; see the red notes.' },
  },

  materialsTitle: { zh: '提交材料', en: 'Materials', plain: { zh: '交材料', en: 'Hand in materials' } },
  sign: { zh: '阅读并签署承诺', en: 'Read and sign' },
  signThis: { zh: '我承诺', en: 'I promise' },
  upload: { zh: '拍照或选文件上传', en: 'Photo or file', plain: { zh: '拍照上传', en: 'Take a photo' } },
  reupload: { zh: '重新上传', en: 'Upload again' },
  uploading: { zh: '正在上传…', en: 'Uploading…' },

  submitTitle: { zh: '确认提交', en: 'Submit', plain: { zh: '最后一步：提交', en: 'Last step: submit' } },
  outstanding: { zh: '还没准备好的材料', en: 'Materials still missing' },
  allReady: { zh: '材料已齐全', en: 'All materials ready', plain: { zh: '东西都齐了', en: 'Everything is ready' } },
  submit: { zh: '提交申请', en: 'Submit', plain: { zh: '提交', en: 'Submit' } },
  fixForm: { zh: '去修改', en: 'Fix it' },
  bookAfterSubmit: {
    zh: '提交后请预约到场时间。',
    en: 'After submitting, book the time of your visit.',
  },

  applicationsTitle: { zh: '我的办件', en: 'My applications', plain: { zh: '我办的事', en: 'My applications' } },
  applicationsNone: { zh: '还没有办件。', en: 'No applications yet.' },
  submittedAt: { zh: '提交于 {at}', en: 'Submitted {at}' },
  createdAt: { zh: '开始于 {at}', en: 'Started {at}' },

  progress: { zh: '办理进度', en: 'Progress', plain: { zh: '办到哪一步了', en: 'Where it is now' } },
  live: { zh: '实时更新中', en: 'Live' },
  offline: { zh: '连接已断开，正在重连…', en: 'Disconnected; reconnecting…' },
  departments: { zh: '各部门办理情况', en: 'Departments' },
  continueDraft: { zh: '继续填写', en: 'Continue' },
  correct: { zh: '去补正', en: 'Correct it', plain: { zh: '去改一下', en: 'Fix it' } },
  book: { zh: '预约到场时间', en: 'Book your visit', plain: { zh: '约个时间去办', en: 'Pick a time to go' } },
  rate: { zh: '评价这次服务', en: 'Rate this service' },
  yourBooking: { zh: '您的预约', en: 'Your booking' },
  yourRating: { zh: '您的评价：{n} 分', en: 'Your rating: {n}' },
  followUp: { zh: '县里的答复：', en: 'County reply: ' },
  tracking: { zh: '快递单号：', en: 'Tracking number: ' },
  deadline: { zh: '法定办结时限：{date}', en: 'Statutory deadline: {date}' },
  // The deadline reaches a year whose public holidays are not published yet: counted again then.
  deadlineEstimated: {
    zh: '法定办结时限：{date}（预计，节假日安排公布后确定）',
    en: 'Statutory deadline: {date} (estimated until the public holidays are published)',
    plain: { zh: '大约在 {date} 前办好（放假安排公布后再定准）', en: 'Done by about {date} (firm once the holidays are published)' },
  },

  correctionTitle: { zh: '一次性补正', en: 'Correction', plain: { zh: '按要求改一下', en: 'Fix what was asked' } },
  correctionIntro: {
    zh: '窗口一次性告知了以下需要补正的项目，只改这些就可以重新提交。',
    en: 'The window listed everything to correct at once; change only these and resubmit.',
    plain: {
      zh: '工作人员说下面这几处要改。只改这几处，再提交就行。',
      en: 'The staff asked you to change the items below. Change only these, then submit again.',
    },
  },
  reason: { zh: '原因：', en: 'Reason: ' },
  provideAgain: { zh: '需重新提供', en: 'Provide again', plain: { zh: '要重新交', en: 'Hand in again' } },
  providedAgain: { zh: '已重新提供', en: 'Provided again', plain: { zh: '已经重新交了', en: 'Handed in again' } },
  resubmit: { zh: '重新提交', en: 'Resubmit', plain: { zh: '改好了，提交', en: 'Done, submit' } },

  bookingTitle: { zh: '预约到场', en: 'Book your visit', plain: { zh: '约时间', en: 'Pick a time' } },
  bookingFor: { zh: '为“{name}”预约', en: 'For “{name}”' },
  slotFree: { zh: '余 {n}', en: '{n} left' },
  slotFull: { zh: '已满', en: 'Full' },
  booked: { zh: '预约成功', en: 'Booked', plain: { zh: '约好了', en: 'Booked' } },
  bookedAt: { zh: '{when}，{where}', en: '{when}, {where}' },
  change: { zh: '改约其他时间', en: 'Choose another time' },
  noSlots: { zh: '近期没有可预约的时间。', en: 'No time slots in the coming days.' },

  rateTitle: { zh: '评价', en: 'Rate', plain: { zh: '给这次办事打个分', en: 'Give a score' } },
  comment: { zh: '想说的话（可不填）', en: 'Comment (optional)' },
  sendRating: { zh: '提交评价', en: 'Send' },
  thanks: { zh: '谢谢您的评价！', en: 'Thank you!' },
  lowScoreNote: {
    zh: '打 2 分及以下，县里会在 5 个工作日内回访。',
    en: 'With 2 or less, the county follows up within 5 working days.',
  },
} satisfies Record<string, Entry>;

export type TextKey = keyof typeof DICTIONARY;

/** Words the API sends as codes: statuses, ways, delivery modes, trip kinds. */
export const CODES: Record<string, Entry> = {
  DRAFT: { zh: '草稿', en: 'Draft', plain: { zh: '还没提交', en: 'Not sent yet' } },
  SUBMITTED: { zh: '已提交，待受理', en: 'Submitted', plain: { zh: '已提交，等工作人员看', en: 'Sent, waiting for staff' } },
  CORRECTION_REQUESTED: { zh: '需要补正', en: 'Correction requested', plain: { zh: '要改一下', en: 'Needs a fix' } },
  ACCEPTED: { zh: '已受理，办理中', en: 'Accepted, in progress', plain: { zh: '正在办', en: 'Being handled' } },
  REJECTED: { zh: '不予受理', en: 'Not accepted' },
  DENIED: { zh: '未予批准', en: 'Denied' },
  COMPLETED: { zh: '已办结', en: 'Completed', plain: { zh: '办好了', en: 'Done' } },
  NOT_REQUIRED: { zh: '本次不需要', en: 'Not needed' },
  PROVIDED: { zh: '已提供', en: 'Provided', plain: { zh: '不用交', en: 'Nothing to do' } },
  SIGNED: { zh: '已签署承诺', en: 'Commitment signed' },
  UPLOADED: { zh: '已上传', en: 'Uploaded' },
  TO_SIGN: { zh: '待签署承诺', en: 'To sign', plain: { zh: '要签个字', en: 'Needs your signature' } },
  TO_UPLOAD: { zh: '待上传', en: 'To upload', plain: { zh: '要拍照上传', en: 'Needs a photo' } },
  BRING_ORIGINAL: { zh: '带原件到窗口', en: 'Bring the original', plain: { zh: '要带原件去', en: 'Bring the original' } },
  e_license: { zh: '电子证照', en: 'E-license' },
  shared_data: { zh: '部门共享数据', en: 'Shared data' },
  commitment: { zh: '告知承诺', en: 'Commitment' },
  upload: { zh: '手机上传', en: 'Upload' },
  original: { zh: '原件', en: 'Original' },
  express: { zh: '快递到家', en: 'Express mail' },
  pickup: { zh: '窗口领取', en: 'Pick up at the window' },
  none: { zh: '无需领取', en: 'Nothing to collect' },
  on_site: { zh: '本人到场', en: 'In person' },
};
