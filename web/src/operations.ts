// The app's GraphQL operations, each named. They ask only for what the views show.

export const CASELOAD = `query Caseload($area: ID, $due: CaseloadDue, $youth: Boolean, $after: String) {
  caseload(area: $area, due: $due, youth: $youth, after: $after, first: 25) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { hetu joint {
      identity { firstName lastName }
      customership { status planDeadline youth }
      plan { nextReviewDue }
    } }
  }
}`;

const RECORDED = 'recordedBy { org area }';
const ASSESSMENT = `summary recordedAt ${RECORDED}`;

export const CLIENT = `query Client($hetu: ID!) {
  client(hetu: $hetu) {
    hetu
    joint {
      identity { firstName lastName municipality language phone email }
      customership { id status area startedAt planDeadline youth version }
      serviceNeed { ${ASSESSMENT} }
      socialSituation { ${ASSESSMENT} }
      workCapacity { ${ASSESSMENT} }
      plan { id deadline nextReviewDue version reviewers services { provider description status }
        reviews { reviewedAt note } ${RECORDED} }
      appointments { id at mode participants note ${RECORDED} }
      consents { id recipientOrg recipientMunicipality categories validFrom validUntil formReference inForce }
    }
    employment {
      jobSeeker { controller status unemployedSince office }
      education { controller degree field year }
      services { controller type provider status }
      benefitStatements { controller givenOn statementType }
    }
    wellbeing {
      socialSituation { summary recordedAt }
      workAbility { summary recordedAt }
      rehabilitativeWork { controller provider status }
      diagnoses { controller code description }
    }
    kela {
      benefits { type status since }
      rehabilitation { type status decidedOn }
      payments { paidOn amount }
    }
  }
}`;

export const ME = `query Me {
  me {
    hetu
    joint {
      identity { firstName lastName municipality }
      customership { status area startedAt planDeadline }
      plan { deadline nextReviewDue services { provider description status } }
      consents { id recipientOrg recipientMunicipality categories validFrom validUntil inForce }
    }
  }
  myDisclosures { at recipientOrg recipientRole recipientArea purpose basis categories register kind }
}`;

export const CREATE_PLAN = `mutation CreatePlan($hetu: ID!, $input: PlanInput!) {
  createPlan(hetu: $hetu, input: $input) { id version nextReviewDue }
}`;

export const REVIEW_PLAN = `mutation ReviewPlan($hetu: ID!, $note: String!, $expectedVersion: Int) {
  reviewPlan(hetu: $hetu, note: $note, expectedVersion: $expectedVersion) { id version nextReviewDue }
}`;

export const GRANT_CONSENT = `mutation GrantConsent($hetu: ID!, $input: ConsentInput!) {
  grantConsent(hetu: $hetu, input: $input) { id inForce }
}`;

export const REVOKE_CONSENT = `mutation RevokeConsent($id: ID!) { revokeConsent(id: $id) { id inForce } }`;

export const STATISTICS = `query Statistics($area: ID!, $from: Date, $groupBy: [StatDimension!]) {
  statistics(area: $area, from: $from, groupBy: $groupBy) {
    rows { key { dimension value } ...Figures }
    total { ...Figures }
  }
  staffing(area: $area) { activeClients totalFte clientsPerFte fte { org title fte } }
}
fragment Figures on StatRow {
  clients started ended planOnTimeShare reviewsOnTimeShare medianDaysToPlan suppressed
}`;
