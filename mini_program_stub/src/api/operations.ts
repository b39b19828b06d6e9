/** Every GraphQL document the mini-program sends; types are generated from ../schema.graphql. */

const GUIDE_FIELDS = /* GraphQL */ `
  fragment GuideFields on Guide {
    version
    summary { zh en }
    legalBasis { title { zh en } article }
    situations { id question { zh en } default options { value label { zh en } } }
    formSchema
    uiSchema
    eligibility { id effect rule message { zh en } }
    materials {
      id
      type
      name { zh en }
      description { zh en }
      why { zh en }
      sample { zh en }
      legalBasis { title { zh en } article }
      requiredWhen
      ways { kind licenseType source commitmentText { zh en } accept maxBytes note { zh en } }
    }
    onSiteSteps { id name { zh en } description { zh en } why { zh en } }
    timeLimits { statutoryDays promisedDays }
    fees { id name { zh en } amountCny basis { zh en } }
    delivery
    output { name { zh en } }
    contact { phone address { zh en } hours { zh en } }
  }
`;

const EVALUATION_FIELDS = /* GraphQL */ `
  fragment EvaluationFields on Evaluation {
    eligible
    eligibility { id passed effect message { zh en } }
    materials { id required way status evidence { zh en } }
    onSiteSteps
    fees { id name { zh en } amountCny }
    promisedDays
    statutoryDays
    runCount
    trips { visit kind itemId reason { zh en } remedy { zh en } }
  }
`;

export const SIGN_IN = /* GraphQL */ `
  mutation SignIn($provider: String!, $credential: String!) {
    signIn(provider: $provider, credential: $credential) {
      __typename
      ... on Session { token citizen { name } }
      ... on SignInError { code message { zh en } }
    }
  }
`;

export const HOME = /* GraphQL */ `
  query Home($region: String!) {
    me { name }
    lifeEvents(region: $region) { code name { zh en } summary { zh en } promise { zh en } }
    matters(filter: { region: $region }, first: 50) {
      edges { node { code name { zh en } department { name { zh en } } } }
    }
  }
`;

export const SEARCH = /* GraphQL */ `
  query Search($region: String!, $keyword: String!) {
    matters(filter: { region: $region, keyword: $keyword }, first: 20) {
      edges { node { code name { zh en } department { name { zh en } } } }
    }
  }
`;

export const MATTER_GUIDE = /* GraphQL */ `
  query MatterGuide($code: String!) {
    matter(code: $code) {
      code
      name { zh en }
      department { name { zh en } }
      guide { ...GuideFields }
    }
  }
  ${GUIDE_FIELDS}
`;

export const LIFE_EVENT_GUIDE = /* GraphQL */ `
  query LifeEventGuide($code: String!) {
    lifeEvent(code: $code) {
      code
      name { zh en }
      summary { zh en }
      promise { zh en }
      matters { code name { zh en } department { name { zh en } } guide { ...GuideFields } }
    }
  }
  ${GUIDE_FIELDS}
`;

export const EVALUATE = /* GraphQL */ `
  query Evaluate($code: String!, $situation: JSON) {
    evaluate(matterCode: $code, situation: $situation) {
      __typename
      ... on Evaluation { ...EvaluationFields }
      ... on EvaluateError { code message { zh en } }
    }
  }
  ${EVALUATION_FIELDS}
`;

export const START_APPLICATION = /* GraphQL */ `
  mutation StartApplication($code: String!, $key: String!) {
    startApplication(matterCode: $code, idempotencyKey: $key) {
      __typename
      ... on Application { id }
      ... on ApplicationError { code message { zh en } }
    }
  }
`;

export const START_LIFE_EVENT = /* GraphQL */ `
  mutation StartLifeEvent($code: String!, $key: String!) {
    startLifeEvent(code: $code, idempotencyKey: $key) {
      __typename
      ... on Application { id }
      ... on ApplicationError { code message { zh en } }
    }
  }
`;

/** What every step of an application needs: its definition, answers, checklist and consents. */
export const APPLICATION_FLOW = /* GraphQL */ `
  query ApplicationFlow($id: ID!) {
    me { hukouRegion birthDate age }
    application(id: $id) {
      id
      status
      answers
      situation
      deliveryMode
      matter { code name { zh en } regionCode guide { ...GuideFields } }
      lifeEvent {
        code
        name { zh en }
        regionCode
        matters { code name { zh en } guide { ...GuideFields } }
      }
      evaluation { ...EvaluationFields }
      dataSharing {
        sourceId
        name { zh en }
        department { zh en }
        purpose { zh en }
        legalBasis { zh en }
        elements
        consent { id }
        lastPull { status reason { zh en } fetchedAt }
      }
      prefilled { field value sourceId fetchedAt }
      timeline { kind message { zh en } at }
      correction { items { path name { zh en } reason } }
    }
  }
  ${GUIDE_FIELDS}
  ${EVALUATION_FIELDS}
`;

export const SAVE_APPLICATION = /* GraphQL */ `
  mutation SaveApplication($id: ID!, $answers: JSON!, $situation: JSON) {
    saveApplication(id: $id, answers: $answers, situation: $situation) {
      __typename
      ... on SavedApplication { problems { path code message { zh en } } }
      ... on ApplicationError { code message { zh en } errors { path code message { zh en } } }
    }
  }
`;

export const GRANT_CONSENT = /* GraphQL */ `
  mutation GrantConsent($id: ID!, $sources: [String!]!) {
    grantConsent(applicationId: $id, sources: $sources) {
      __typename
      ... on ApplicationError { code message { zh en } errors { path code message { zh en } } }
    }
  }
`;

export const REFRESH_SHARED_DATA = /* GraphQL */ `
  mutation RefreshSharedData($id: ID!) {
    refreshSharedData(applicationId: $id) {
      __typename
      ... on ApplicationError { code message { zh en } errors { path code message { zh en } } }
    }
  }
`;

export const SIGN_COMMITMENT = /* GraphQL */ `
  mutation SignCommitment($id: ID!, $material: String!) {
    signCommitment(applicationId: $id, materialId: $material) {
      __typename
      ... on ApplicationError { code message { zh en } errors { path code message { zh en } } }
    }
  }
`;

export const UPLOAD_MATERIAL = /* GraphQL */ `
  mutation UploadMaterial($id: ID!, $material: String!, $file: Upload!) {
    uploadMaterial(applicationId: $id, materialId: $material, file: $file) {
      __typename
      ... on ApplicationError { code message { zh en } errors { path code message { zh en } } }
    }
  }
`;

export const SUBMIT_APPLICATION = /* GraphQL */ `
  mutation SubmitApplication($input: SubmitApplicationInput!) {
    submitApplication(input: $input) {
      __typename
      ... on Application { id status }
      ... on ApplicationError { code message { zh en } errors { path code message { zh en } } }
    }
  }
`;

export const MY_APPLICATIONS = /* GraphQL */ `
  query MyApplications {
    myApplications(first: 50) {
      edges {
        node {
          id
          status
          createdAt
          submittedAt
          matter { name { zh en } }
          lifeEvent { name { zh en } }
        }
      }
    }
  }
`;

export const APPLICATION_DETAIL = /* GraphQL */ `
  query ApplicationDetail($id: ID!) {
    application(id: $id) {
      id
      status
      answers
      submittedAt
      deliveryMode
      trackingNumber
      matter { code name { zh en } regionCode }
      lifeEvent { name { zh en } regionCode }
      children { id status matter { name { zh en } department { name { zh en } } } }
      evaluation { runCount onSiteSteps trips { kind reason { zh en } } }
      rating { score comment followUp { answer dueOn } }
      timeline { kind message { zh en } at }
    }
    myAppointments {
      id
      status
      applicationId
      slot { startsAt endsAt window { name { zh en } hall { name { zh en } address { zh en } } } }
    }
  }
`;

export const APPLICATION_EVENTS = /* GraphQL */ `
  subscription ApplicationEvents($id: ID!) {
    applicationEvents(id: $id) { kind message { zh en } at }
  }
`;

export const SLOTS = /* GraphQL */ `
  query Slots($region: String!, $id: ID!) {
    appointmentSlots(region: $region) {
      id
      startsAt
      endsAt
      free
      window { name { zh en } hall { name { zh en } address { zh en } } }
    }
    myAppointments { id status applicationId slot { id startsAt endsAt } }
    application(id: $id) {
      matter { name { zh en } regionCode }
      lifeEvent { name { zh en } }
      evaluation { trips { kind reason { zh en } } }
    }
  }
`;

export const BOOK = /* GraphQL */ `
  mutation Book($slot: ID!, $id: ID!) {
    bookAppointment(slotId: $slot, applicationId: $id) {
      __typename
      ... on AppointmentError { code message { zh en } errors { path code message { zh en } } }
    }
  }
`;

export const RESCHEDULE = /* GraphQL */ `
  mutation Reschedule($booking: ID!, $slot: ID!) {
    rescheduleAppointment(bookingId: $booking, slotId: $slot) {
      __typename
      ... on AppointmentError { code message { zh en } errors { path code message { zh en } } }
    }
  }
`;

export const RATING_TAGS = /* GraphQL */ `
  query RatingTags {
    ratingTags { value label { zh en } }
  }
`;

export const RATE = /* GraphQL */ `
  mutation Rate($id: ID!, $score: Int!, $tags: [String!], $comment: String!) {
    rateApplication(applicationId: $id, score: $score, tags: $tags, comment: $comment) {
      __typename
      ... on RatingError { code message { zh en } }
    }
  }
`;
