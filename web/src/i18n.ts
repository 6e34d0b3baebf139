// Every label, refusal reason and error code in Finnish, Swedish and English. Each entry is a triple
// [fi, sv, en], so that a missing translation is a type error, not a blank on screen. The language follows
// the browser and can be switched; dates are always in the Finnish format (d.m.yyyy).
import { config } from './config.ts';
import { signal } from './state.ts';

export const LANGS = ['fi', 'sv', 'en'] as const;
export type Lang = (typeof LANGS)[number];
type T = readonly [fi: string, sv: string, en: string];

const UI = {
  appName: ['TYM-asiakastieto', 'TYM-klientuppgifter', 'TYM client data'],
  language: ['Kieli', 'Språk', 'Language'],
  skip: ['Siirry sisältöön', 'Hoppa till innehållet', 'Skip to content'],
  signIn: ['Kirjaudu', 'Logga in', 'Sign in'],
  signOut: ['Kirjaudu ulos', 'Logga ut', 'Sign out'],
  signInDev: [
    'Kehitystila: valitse esittelykäyttäjä',
    'Utvecklingsläge: välj en demoanvändare',
    'Dev mode: pick a demo user',
  ],
  signInOidc: [
    'Kirjaudu organisaatiosi tunnistuksella',
    'Logga in med din organisations inloggning',
    "Sign in with your organisation's login",
  ],
  official: ['Virkailija', 'Tjänsteman', 'Official'],
  citizenUser: ['Asiakas (kansalainen)', 'Klient (medborgare)', 'Client (citizen)'],
  signedInAs: ['Kirjautunut', 'Inloggad', 'Signed in'],
  nav: ['Päävalikko', 'Huvudmeny', 'Main menu'],
  caseload: ['Asiakkaat', 'Klienter', 'Caseload'],
  search: ['Haku', 'Sökning', 'Look-up'],
  myRecord: ['Omat tietoni', 'Mina uppgifter', 'My record'],
  statistics: ['Tilastot', 'Statistik', 'Statistics'],
  loading: ['Ladataan…', 'Laddar…', 'Loading…'],
  area: ['Yhteistoiminta-alue', 'Samarbetsområde', 'Cooperation area'],
  worklist: ['Työlista', 'Arbetslista', 'Worklist'],
  all: ['Kaikki', 'Alla', 'All'],
  youth: ['Alle 30-vuotiaat', 'Under 30 år', 'Under 30'],
  name: ['Nimi', 'Namn', 'Name'],
  hetu: ['Henkilötunnus', 'Personbeteckning', 'Personal identity code'],
  planDeadline: ['Suunnitelman määräpäivä', 'Planens sista dag', 'Plan deadline'],
  nextReview: ['Seuraava tarkistus', 'Nästa granskning', 'Next review'],
  open: ['Avaa', 'Öppna', 'Open'],
  more: ['Näytä lisää', 'Visa fler', 'Show more'],
  clients: ['asiakasta', 'klienter', 'clients'],
  clientCount: ['Asiakkaita', 'Klienter', 'Clients'],
  noClients: ['Ei asiakkaita tällä rajauksella.', 'Inga klienter med detta urval.', 'No clients with this filter.'],
  purpose: ['Käyttötarkoitus', 'Ändamål', 'Purpose'],
  caseReference: ['Asian diaarinumero', 'Ärendets diarienummer', 'Case reference'],
  lookupIntro: [
    'Kerro käyttötarkoitus ja asia ennen hakua (laki 906/2019, 22–23 §). Haku kirjataan lokiin.',
    'Ange ändamål och ärende före sökningen (lag 906/2019, 22–23 §). Sökningen loggas.',
    'State the purpose and the case before the look-up (act 906/2019 §22–23). The look-up is logged.',
  ],
  choose: ['Valitse…', 'Välj…', 'Choose…'],
  required: ['pakollinen', 'obligatorisk', 'required'],
  lookUp: ['Hae', 'Sök', 'Look up'],
  invalidHetu: [
    'Henkilötunnus ei ole kelvollinen.',
    'Personbeteckningen är inte giltig.',
    'The identity code is not valid.',
  ],
  jointRecord: ['Yhteinen TYM-asiakasrekisteri', 'Gemensamt TYM-klientregister', 'Joint TYM record'],
  employmentRegister: [
    'Työllisyysviranomaisen rekisteri',
    'Sysselsättningsmyndighetens register',
    'Employment authority register',
  ],
  wellbeingRegister: ['Hyvinvointialueen rekisteri', 'Välfärdsområdets register', 'Wellbeing services county register'],
  kelaRegister: ['Kelan rekisteri', 'FPA:s register', 'Kela register'],
  basis: ['Peruste', 'Grund', 'Basis'],
  controller: ['Rekisterinpitäjä', 'Personuppgiftsansvarig', 'Controller'],
  storedBy: ['Tallentaja', 'Registrerad av', 'Stored by'],
  jointControllers: ['yhteisrekisterinpitäjät', 'gemensamt personuppgiftsansvariga', 'joint controllers'],
  basisUnknown: ['peruste ei tiedossa', 'grunden okänd', 'basis not stated'],
  withheld: ['Ei luovutettu', 'Inte utlämnat', 'Withheld'],
  empty: ['Ei merkintöjä', 'Inga uppgifter', 'No entries'],
  identity: ['Henkilötiedot', 'Personuppgifter', 'Identity'],
  customership: ['Asiakkuus', 'Kundrelation', 'Customership'],
  serviceNeed: ['Palvelutarve', 'Servicebehov', 'Service need'],
  socialSituation: ['Sosiaalinen tilanne', 'Social situation', 'Social situation'],
  workCapacity: ['Työkyky', 'Arbetsförmåga', 'Work capacity'],
  plan: ['Monialainen työllistymissuunnitelma', 'Sektorsövergripande sysselsättningsplan', 'Multi-sectoral plan'],
  appointments: ['Tapaamiset', 'Möten', 'Appointments'],
  consents: ['Suostumukset', 'Samtycken', 'Consents'],
  jobSeeker: ['Työnhaku', 'Arbetssökande', 'Job seeking'],
  education: ['Koulutus', 'Utbildning', 'Education'],
  services: ['Palvelut', 'Tjänster', 'Services'],
  statements: ['Työvoimapoliittiset lausunnot', 'Arbetskraftspolitiska utlåtanden', 'Benefit statements'],
  workAbility: ['Työkyky', 'Arbetsförmåga', 'Work ability'],
  diagnoses: ['Diagnoosit', 'Diagnoser', 'Diagnoses'],
  rehabWork: ['Kuntouttava työtoiminta', 'Arbetsverksamhet i rehabiliteringssyfte', 'Rehabilitative work'],
  benefits: ['Etuudet', 'Förmåner', 'Benefits'],
  rehabilitation: ['Kuntoutus', 'Rehabilitering', 'Rehabilitation'],
  payments: ['Maksut', 'Utbetalningar', 'Payments'],
  status: ['Tila', 'Status', 'Status'],
  startedAt: ['Alkanut', 'Började', 'Started'],
  municipality: ['Kotikunta', 'Hemkommun', 'Municipality'],
  phone: ['Puhelin', 'Telefon', 'Phone'],
  email: ['Sähköposti', 'E-post', 'Email'],
  renderTime: ['Näkymä valmis', 'Vyn klar', 'View ready'],
  newPlan: ['Tee suunnitelma', 'Gör en plan', 'Make the plan'],
  reviewPlan: ['Tarkista suunnitelma', 'Granska planen', 'Review the plan'],
  reviewNote: ['Tarkistuksen muistiinpano', 'Anteckning om granskningen', 'Review note'],
  serviceDescription: ['Palvelu', 'Tjänst', 'Service'],
  provider: ['Järjestäjä', 'Anordnare', 'Provider'],
  save: ['Tallenna', 'Spara', 'Save'],
  saved: ['Tallennettu.', 'Sparat.', 'Saved.'],
  grantConsent: ['Kirjaa suostumus', 'Registrera samtycke', 'Record a consent'],
  revoke: ['Peru suostumus', 'Återkalla samtycke', 'Revoke consent'],
  recipient: ['Vastaanottaja', 'Mottagare', 'Recipient'],
  recipientMunicipality: ['Vastaanottajan kunta', 'Mottagarens kommun', "Recipient's municipality"],
  categories: ['Tietoryhmät', 'Uppgiftsgrupper', 'Data categories'],
  validUntil: ['Voimassa asti', 'Giltigt till', 'Valid until'],
  formReference: ['Lomakkeen tunniste', 'Blankettens referens', 'Form reference'],
  inForce: ['voimassa', 'i kraft', 'in force'],
  notInForce: ['ei voimassa', 'inte i kraft', 'not in force'],
  disclosures: ['Kenelle tietojani on luovutettu', 'Till vem mina uppgifter har lämnats ut', 'Who received my data'],
  when: ['Milloin', 'När', 'When'],
  who: ['Vastaanottaja', 'Mottagare', 'Recipient'],
  noDisclosures: ['Ei luovutuksia.', 'Inga utlämnanden.', 'No disclosures.'],
  period: ['Ajanjakso alkaen', 'Period från', 'Period from'],
  groupBy: ['Ryhmittely', 'Gruppering', 'Group by'],
  show: ['Näytä', 'Visa', 'Show'],
  suppressed: ['suojattu (alle 5)', 'skyddad (under 5)', 'suppressed (under 5)'],
  total: ['Yhteensä', 'Totalt', 'Total'],
  started: ['Alkaneet', 'Påbörjade', 'Started'],
  ended: ['Päättyneet', 'Avslutade', 'Ended'],
  planOnTime: ['Suunnitelma ajallaan', 'Plan i tid', 'Plan on time'],
  reviewsOnTime: ['Tarkistukset ajallaan', 'Granskningar i tid', 'Reviews on time'],
  medianDays: ['Mediaani päiviä suunnitelmaan', 'Median dagar till plan', 'Median days to plan'],
  staffing: ['Henkilöstö ja asiakkaat', 'Personal och klienter', 'Staff and clients'],
  activeClients: ['Aktiiviset asiakkaat', 'Aktiva klienter', 'Active clients'],
  totalFte: ['Henkilötyövuodet', 'Årsverken', 'Staff (FTE)'],
  clientsPerFte: ['Asiakkaita / htv', 'Klienter / årsverke', 'Clients per FTE'],
  ftePerClient: ['Htv / asiakas', 'Årsverken / klient', 'FTE per client'],
  chartLabel: ['Asiakkaat ryhmittäin', 'Klienter per grupp', 'Clients by group'],
  startCustomership: ['Aloita TYM-asiakkuus', 'Inled TYM-kundrelationen', 'Start the TYM customership'],
  referralNote: ['Ohjauksen syy', 'Orsak till hänvisningen', 'Referral note'],
  identityIfNew: [
    'Henkilötiedot (vain jos organisaatiollasi ei ole niitä)',
    'Personuppgifter (endast om din organisation saknar dem)',
    'Identity (only if your organisation holds none)',
  ],
  firstName: ['Etunimi', 'Förnamn', 'First name'],
  lastName: ['Sukunimi', 'Efternamn', 'Last name'],
  recordAssessment: ['Kirjaa arvio', 'Registrera en bedömning', 'Record an assessment'],
  assessmentKind: ['Arvion aihe', 'Bedömningens ämne', 'Assessment of'],
  summary: ['Yhteenveto', 'Sammanfattning', 'Summary'],
  recordAppointment: ['Kirjaa tapaaminen', 'Registrera ett möte', 'Record an appointment'],
  appointmentDate: ['Päivä', 'Dag', 'Date'],
  appointmentTime: ['Kellonaika', 'Klockslag', 'Time'],
  mode: ['Tapa', 'Sätt', 'Mode'],
  participants: ['Osallistujat', 'Deltagare', 'Participants'],
  note: ['Muistiinpano', 'Anteckning', 'Note'],
  endCustomership: ['Päätä asiakkuus', 'Avsluta kundrelationen', 'End the customership'],
  endReason: ['Päättymisen syy', 'Orsak till avslut', 'End reason'],
  agreedBy: [
    'Yhteiseen arvioon osallistuneet',
    'Parter i den gemensamma bedömningen',
    'Parties to the joint assessment',
  ],
  endedAt: ['Päättyi', 'Avslutades', 'Ended'],
  customershipEnded: [
    'Asiakkuus päättyi. Sen tiedot eivät enää näy 15 §:n perusteella.',
    'Kundrelationen avslutades. Dess uppgifter visas inte längre med stöd av 15 §.',
    'The customership ended. Its data is no longer shown under §15.',
  ],
  missingParties: ['Mukaan tarvitaan vielä', 'Dessutom behövs', 'Still needed'],
  lostAnswer: [
    'Vastaus jäi saamatta. Tallenna uudelleen: sama kirjaus tallentuu vain kerran.',
    'Svaret uteblev. Spara igen: samma registrering sparas bara en gång.',
    'The answer was lost. Save again: the same entry is stored only once.',
  ],
  reviewers: ['Tarkistajat', 'Granskare', 'Reviewers'],
  staffingIntro: [
    'Yhteistoimintasopimuksen henkilöstö suhteessa aktiivisiin asiakkaisiin (asetus 388/2024).',
    'Samarbetsavtalets personal i förhållande till de aktiva klienterna (förordning 388/2024).',
    "The agreement's staff against the active clients (decree 388/2024).",
  ],
  organisation: ['Organisaatio', 'Organisation', 'Organisation'],
  title: ['Tehtävä', 'Uppgift', 'Title'],
  fte: ['Htv', 'Årsverken', 'FTE'],
  clientEstimate: ['Sopimuksen asiakasarvio', 'Avtalets klientuppskattning', "The agreement's client estimate"],
  estimatedClientsPerFte: [
    'Arvioituja asiakkaita / htv',
    'Uppskattade klienter / årsverke',
    'Estimated clients per FTE',
  ],
  notStated: ['sopimus ei kerro', 'avtalet anger inte', 'the agreement does not say'],
  costShares: ['Kustannusten jako', 'Kostnadsfördelning', 'Cost shares'],
  costIntro: [
    'Vuoden kustannusten jako sopimuksen mukaan (laki 381/2023, 10 §). Anna vuoden luvut euroina.',
    'Årets kostnader fördelade enligt avtalet (lag 381/2023, 10 §). Ange årets siffror i euro.',
    "A year's costs shared by the agreement (act 381/2023 §10). Give the year's figures in euros.",
  ],
  year: ['Vuosi', 'År', 'Year'],
  leadPay: ['Vastuuhenkilön palkka', 'Den ansvariga personens lön', "The leading person's pay"],
  runningCosts: ['Toimintakulut', 'Driftskostnader', 'Running costs'],
  developmentDays: ['Kehittämispäivät', 'Utvecklingsdagar', 'Development days'],
  registrants: ['Ilmoittautuneita', 'Anmälda', 'Registrants'],
  staffCosts: [
    'Osapuolen oman henkilöstön kustannukset (valinnainen)',
    'Partens egna personalkostnader (valfritt)',
    "Each party's own staff costs (optional)",
  ],
  staffCost: ['Oma henkilöstö', 'Egen personal', 'Own staff'],
  compute: ['Laske', 'Beräkna', 'Compute'],
  commonRule: ['Yhteiset kulut', 'Gemensamma kostnader', 'Common costs'],
  developmentDaysRule: ['Kehittämispäivien jako', 'Fördelning av utvecklingsdagar', 'Development days'],
  commonShare: ['Osuus yhteisistä', 'Andel av gemensamma', 'Share of common'],
  common: ['Yhteiset', 'Gemensamma', 'Common'],
  devShare: ['Osuus kehittämispäivistä', 'Andel av utvecklingsdagar', 'Share of development days'],
  party: ['Osapuoli', 'Part', 'Party'],
  error: ['Virhe', 'Fel', 'Error'],
  retry: ['Yritä uudelleen', 'Försök igen', 'Try again'],
  conflictHelp: [
    'Joku muu muutti tietoa samaan aikaan. Tiedot haettiin uudelleen; tarkista ja tallenna uudelleen.',
    'Någon annan ändrade uppgiften samtidigt. Uppgifterna hämtades på nytt; kontrollera och spara igen.',
    'Someone else changed this at the same time. The record was reloaded; check it and save again.',
  ],
} satisfies Record<string, T>;

/** Enumerations of the contract, by type: the words for each value. */
const ENUMS = {
  CostSharingBasis: {
    HEADCOUNT: [
      'henkilöstön mukaan (laki 381/2023 10 §)',
      'enligt personalen (lag 381/2023 10 §)',
      'by headcount (act 381/2023 §10)',
    ],
    AGREED: ['sopimuksen prosenttiosuuksin', 'enligt avtalets procentandelar', "by the agreement's percentages"],
    REGISTRANTS: ['ilmoittautuneiden mukaan', 'enligt anmälda deltagare', 'by registrants'],
  },
  Basis: {
    OWN: ['oma rekisteri', 'eget register', 'own register'],
    SECTION_15: ['TYM-laki 15 §', 'TYM-lagen 15 §', 'TYM act §15'],
    CONSENT: ['asiakkaan suostumus', 'klientens samtycke', "client's consent"],
    DATA_SUBJECT: ['omat tiedot', 'egna uppgifter', 'own data'],
  },
  Reason: {
    PURPOSE_NOT_ALLOWED: [
      'käyttötarkoitus ei salli tätä tietoa',
      'ändamålet tillåter inte denna uppgift',
      'the purpose does not allow this datum',
    ],
    ORG_INTERNAL: [
      'organisaation sisäinen tieto, ei luovuteta',
      'organisationens interna uppgift, lämnas inte ut',
      "the organisation's internal data, never disclosed",
    ],
    NOT_NECESSARY_FOR_ROLE: [
      'ei välttämätön tehtävällesi',
      'inte nödvändig för din uppgift',
      'not necessary for your role',
    ],
    NO_LEGAL_BASIS: [
      'ei luovutusperustetta (ei aktiivista asiakkuutta alueellasi eikä suostumusta)',
      'ingen grund (ingen aktiv kundrelation i ditt område och inget samtycke)',
      'no legal basis (no active customership in your area and no consent)',
    ],
  },
  Code: {
    UNAUTHENTICATED: [
      'Kirjautuminen vanhentui, kirjaudu uudelleen.',
      'Inloggningen har gått ut, logga in igen.',
      'Your sign-in expired; sign in again.',
    ],
    PURPOSE_REQUIRED: ['Käyttötarkoitus puuttuu.', 'Ändamålet saknas.', 'The purpose is missing.'],
    FORBIDDEN: ['Ei oikeutta.', 'Ingen rätt.', 'Not allowed.'],
    BAD_USER_INPUT: ['Virheellinen tieto.', 'Felaktig uppgift.', 'Invalid input.'],
    CUSTOMERSHIP_NOT_ACTIVE: [
      'Henkilöllä ei ole aktiivista TYM-asiakkuutta alueellasi; mitään ei tallennettu.',
      'Personen har ingen aktiv TYM-kundrelation i ditt område; inget sparades.',
      'The person has no active TYM customership in your area; nothing was stored.',
    ],
    JOINT_ASSESSMENT_REQUIRED: [
      'Kaikkien osapuolten yhteinen arvio tarvitaan.',
      'Alla parters gemensamma bedömning behövs.',
      'Every party must agree.',
    ],
    CONFLICT: ['Ristiriita tallennettaessa.', 'Konflikt vid sparandet.', 'Conflict on saving.'],
    QUERY_TOO_COMPLEX: ['Kysely on liian laaja.', 'Frågan är för omfattande.', 'The query is too large.'],
    AUDIT_UNAVAILABLE: [
      'Lokiin kirjaus ei onnistunut, joten tietoja ei näytetä. Yritä hetken päästä uudelleen.',
      'Loggningen misslyckades, så inga uppgifter visas. Försök igen om en stund.',
      'The disclosure log could not be written, so no data is shown. Try again shortly.',
    ],
    SUBGRAPH_UNAVAILABLE: ['Rekisteri ei vastannut.', 'Registret svarade inte.', 'A register did not answer.'],
    DOCUMENT_NOT_TRUSTED: [
      'Sovellus on vanhentunut: lataa sivu uudelleen.',
      'Appen är föråldrad: ladda om sidan.',
      'The app is out of date: reload the page.',
    ],
    INTERNAL_SERVER_ERROR: ['Odottamaton virhe.', 'Oväntat fel.', 'Unexpected error.'],
    NETWORK: [
      'Yhteys palvelimeen katkesi.',
      'Förbindelsen till servern bröts.',
      'The connection to the server failed.',
    ],
  },
  InputReason: {
    INVALID_HETU: ['virheellinen henkilötunnus', 'ogiltig personbeteckning', 'invalid identity code'],
    UNKNOWN_PURPOSE: ['tuntematon käyttötarkoitus', 'okänt ändamål', 'unknown purpose'],
    INVALID_IDEMPOTENCY_KEY: ['virheellinen toistoavain', 'ogiltig idempotensnyckel', 'invalid idempotency key'],
    INVALID_TEXT: ['tekstissä kiellettyjä merkkejä', 'otillåtna tecken i texten', 'forbidden characters in the text'],
    INVALID_PAGE_SIZE: ['virheellinen sivukoko', 'ogiltig sidstorlek', 'invalid page size'],
    INVALID_CURSOR: ['virheellinen sivutus', 'ogiltig sidbläddring', 'invalid page cursor'],
    INVALID_DATE: ['virheellinen päivämäärä', 'ogiltigt datum', 'invalid date'],
    INVALID_PERIOD: [
      'jakson on alettava kuukauden alusta',
      'perioden måste börja den första i en månad',
      'the period must start on the first of a month',
    ],
    UNKNOWN_AREA: ['tuntematon alue', 'okänt område', 'unknown area'],
    AREA_NOT_YOURS: ['alue ei ole sinun', 'området är inte ditt', 'not your area'],
    MUNICIPALITY_REQUIRED: ['kunta puuttuu', 'kommun saknas', 'municipality missing'],
    MUNICIPALITY_NOT_IN_AREA: [
      'kunta ei kuulu alueeseen',
      'kommunen hör inte till området',
      'municipality not in the area',
    ],
    INVALID_EMAIL: ['virheellinen sähköposti', 'ogiltig e-post', 'invalid email'],
    TOO_LONG: ['liian pitkä', 'för lång', 'too long'],
    NOT_FOUND: ['ei löydy', 'finns inte', 'not found'],
    NOT_STORING_ORGANISATION: [
      'vain tallentanut organisaatio voi korjata',
      'endast den registrerande organisationen kan rätta',
      'only the storing organisation may correct it',
    ],
    NO_SERVICES: ['suunnitelmassa ei ole palveluja', 'planen har inga tjänster', 'the plan has no services'],
    TOO_MANY_SERVICES: ['liikaa palveluja', 'för många tjänster', 'too many services'],
    UNKNOWN_PROVIDER: ['tuntematon järjestäjä', 'okänd anordnare', 'unknown provider'],
    NOT_A_REVIEWER: ['et ole suunnitelman tarkistaja', 'du granskar inte planen', 'you are not a reviewer of the plan'],
    NO_PLAN: ['suunnitelmaa ei ole', 'ingen plan finns', 'there is no plan'],
    NO_PARTICIPANTS: ['ei osallistujia', 'inga deltagare', 'no participants'],
    INVALID_RECIPIENT: ['virheellinen vastaanottaja', 'ogiltig mottagare', 'invalid recipient'],
    NO_CATEGORIES: ['valitse tietoryhmät', 'välj uppgiftsgrupper', 'choose the data categories'],
    ORG_INTERNAL_NOT_CONSENTABLE: [
      'sisäiseen tietoon ei voi antaa suostumusta',
      'intern uppgift kan inte omfattas av samtycke',
      'internal data cannot be consented',
    ],
    VALID_UNTIL_IN_PAST: ['päättymispäivä on mennyt', 'slutdatumet har passerat', 'the end date has passed'],
    INVALID_PARTY: ['virheellinen osapuoli', 'ogiltig part', 'invalid party'],
    DUPLICATE_DIMENSION: ['sama ryhmittely kahdesti', 'samma gruppering två gånger', 'the same grouping twice'],
    NOT_A_PARTY: ['ei sopimuksen osapuoli', 'inte part i avtalet', 'not a party to the agreement'],
    DUPLICATE_PARTY: ['osapuoli kahdesti', 'part två gånger', 'a party twice'],
    OUTSIDE_AGREEMENT_TERM: ['sopimuskauden ulkopuolella', 'utanför avtalsperioden', 'outside the agreement term'],
    ALREADY_ACTIVE: [
      'asiakkuus on jo aktiivinen',
      'kundrelationen är redan aktiv',
      'the customership is already active',
    ],
    PLAN_EXISTS: ['suunnitelma on jo tehty', 'planen finns redan', 'the plan already exists'],
    VERSION_MISMATCH: [
      'tietoa on muutettu välillä',
      'uppgiften har ändrats under tiden',
      'the record changed in the meantime',
    ],
    INVALID_AMOUNT: ['virheellinen euromäärä', 'ogiltigt belopp', 'invalid amount'],
    INVALID_REGISTRANTS: [
      'virheellinen määrä ilmoittautuneita',
      'ogiltigt antal anmälda',
      'invalid number of registrants',
    ],
    NO_REGISTRANTS: [
      'kehittämispäivillä on kuluja mutta ei ilmoittautuneita',
      'utvecklingsdagarna kostar men ingen är anmäld',
      'development days cost money but nobody registered',
    ],
    IDEMPOTENCY_KEY_REUSED: [
      'toistoavain on jo käytetty',
      'nyckeln har redan använts',
      'the retry key was used already',
    ],
  },
  Org: {
    employment: ['työllisyysviranomainen', 'sysselsättningsmyndigheten', 'employment authority'],
    wellbeing: ['hyvinvointialue', 'välfärdsområdet', 'wellbeing services county'],
    kela: ['Kela', 'FPA', 'Kela'],
    municipality: ['kunta', 'kommunen', 'municipality'],
    citizen: ['asiakas', 'klienten', 'client'],
  },
  Purpose: {
    ASSESSMENT: ['palvelutarpeen arviointi', 'bedömning av servicebehov', 'assessment'],
    PLANNING: ['suunnitelman laatiminen', 'planering', 'planning'],
    PLAN_REVIEW: ['suunnitelman tarkistaminen', 'granskning av planen', 'plan review'],
    COORDINATION: ['palvelujen yhteensovitus', 'samordning', 'coordination'],
    OWN_SERVICE: ['oma palvelu', 'egen tjänst', 'own service'],
    STATISTICS: ['tilastot', 'statistik', 'statistics'],
    DATA_SUBJECT_ACCESS: ['omien tietojen tarkastus', 'granskning av egna uppgifter', 'own data access'],
  },
  Category: {
    IDENTITY: ['henkilötiedot', 'personuppgifter', 'identity'],
    CUSTOMERSHIP: ['asiakkuus', 'kundrelation', 'customership'],
    COMPETENCE: ['osaaminen', 'kompetens', 'competence'],
    SOCIAL_SITUATION: ['sosiaalinen tilanne', 'social situation', 'social situation'],
    HEALTH_WORK_CAPACITY: ['terveys ja työkyky', 'hälsa och arbetsförmåga', 'health and work capacity'],
    SERVICE_NEED: ['palvelutarve', 'servicebehov', 'service need'],
    PLAN: ['suunnitelma', 'plan', 'plan'],
    ORG_INTERNAL: ['sisäinen', 'intern', 'internal'],
  },
  Role: {
    'employment-specialist': ['työllisyysasiantuntija', 'sysselsättningsexpert', 'employment specialist'],
    'work-ability-coordinator': ['työkykykoordinaattori', 'arbetsförmågekoordinator', 'work ability coordinator'],
    psychologist: ['psykologi', 'psykolog', 'psychologist'],
    supervisor: ['esihenkilö', 'chef', 'supervisor'],
    'network-lead': ['verkostovastaava', 'nätverksansvarig', 'network lead'],
    analyst: ['analyytikko', 'analytiker', 'analyst'],
    'social-instructor': ['sosiaaliohjaaja', 'socialhandledare', 'social instructor'],
    'social-worker': ['sosiaalityöntekijä', 'socialarbetare', 'social worker'],
    'public-health-nurse': ['terveydenhoitaja', 'hälsovårdare', 'public health nurse'],
    'decision-specialist': ['ratkaisuasiantuntija', 'avgörandeexpert', 'decision specialist'],
    'service-specialist': ['palveluasiantuntija', 'serviceexpert', 'service specialist'],
    'work-ability-specialist': ['työkykyasiantuntija', 'arbetsförmågeexpert', 'work ability specialist'],
    'municipal-employment-worker': [
      'kunnan työllisyyspalvelut',
      'kommunens sysselsättningstjänster',
      'municipal employment worker',
    ],
    citizen: ['asiakas', 'klient', 'client'],
  },
  Due: {
    PLAN_OVERDUE: ['suunnitelma myöhässä', 'planen försenad', 'plan overdue'],
    PLAN_DUE_SOON: ['suunnitelma erääntymässä', 'planen förfaller snart', 'plan due soon'],
    REVIEW_OVERDUE: ['tarkistus myöhässä', 'granskningen försenad', 'review overdue'],
    REVIEW_DUE_SOON: ['tarkistus erääntymässä', 'granskningen förfaller snart', 'review due soon'],
  },
  Status: {
    ACTIVE: ['aktiivinen', 'aktiv', 'active'],
    ENDED: ['päättynyt', 'avslutad', 'ended'],
    PLANNED: ['suunniteltu', 'planerad', 'planned'],
    ONGOING: ['käynnissä', 'pågår', 'ongoing'],
    COMPLETED: ['toteutunut', 'genomförd', 'completed'],
    CANCELLED: ['peruttu', 'inställd', 'cancelled'],
    APPLIED: ['haettu', 'ansökt', 'applied'],
    GRANTED: ['myönnetty', 'beviljad', 'granted'],
    REJECTED: ['hylätty', 'avslagen', 'rejected'],
    UNEMPLOYED: ['työtön', 'arbetslös', 'unemployed'],
  },
  AppointmentMode: {
    IN_PERSON: ['tapaaminen paikan päällä', 'möte på plats', 'in person'],
    REMOTE: ['etätapaaminen', 'distansmöte', 'remote'],
  },
  EndReason: {
    EMPLOYED: ['työllistyi', 'fick arbete', 'employed'],
    BASIC_SERVICES_SUFFICE: ['peruspalvelut riittävät', 'basservicen räcker', 'basic services suffice'],
    LONG_TERM_SOLUTION: ['pitkäaikainen ratkaisu', 'långvarig lösning', 'a long-term solution'],
    JOB_SEARCH_ENDED: ['työnhaku päättyi', 'arbetssökandet upphörde', 'job search ended'],
  },
  AssessmentKind: {
    SERVICE_NEED: ['palvelutarve', 'servicebehov', 'service need'],
    SOCIAL_SITUATION: ['sosiaalinen tilanne', 'social situation', 'social situation'],
    WORK_CAPACITY: ['työkyky', 'arbetsförmåga', 'work capacity'],
  },
  JobSeekerStatus: {
    UNEMPLOYED: ['työtön', 'arbetslös', 'unemployed'],
    LAID_OFF: ['lomautettu', 'permitterad', 'laid off'],
    PART_TIME: ['osa-aikatyössä', 'deltidsarbete', 'part-time work'],
    IN_SERVICE: ['palvelussa', 'i tjänst', 'in a service'],
    EMPLOYED: ['työssä', 'i arbete', 'employed'],
    OUTSIDE_LABOUR_FORCE: ['työvoiman ulkopuolella', 'utanför arbetskraften', 'outside the labour force'],
  },
  Benefit: {
    LABOUR_MARKET_SUBSIDY: ['työmarkkinatuki', 'arbetsmarknadsstöd', 'labour market subsidy'],
    BASIC_UNEMPLOYMENT_ALLOWANCE: ['peruspäiväraha', 'grunddagpenning', 'basic unemployment allowance'],
    BASIC_SOCIAL_ASSISTANCE: ['perustoimeentulotuki', 'grundläggande utkomststöd', 'basic social assistance'],
    REHABILITATION_ALLOWANCE: ['kuntoutusraha', 'rehabiliteringspenning', 'rehabilitation allowance'],
    GENERAL_HOUSING_ALLOWANCE: ['yleinen asumistuki', 'allmänt bostadsbidrag', 'general housing allowance'],
    SICKNESS_ALLOWANCE: ['sairauspäiväraha', 'sjukdagpenning', 'sickness allowance'],
    VOCATIONAL_REHABILITATION: ['ammatillinen kuntoutus', 'yrkesinriktad rehabilitering', 'vocational rehabilitation'],
    REHABILITATION_COURSE: ['kuntoutuskurssi', 'rehabiliteringskurs', 'rehabilitation course'],
    REHABILITATIVE_PSYCHOTHERAPY: [
      'kuntoutuspsykoterapia',
      'rehabiliterande psykoterapi',
      'rehabilitative psychotherapy',
    ],
    YOUTH_COACHING: ['nuoren ammatillinen kuntoutus', 'ungdomscoachning', 'youth coaching'],
  },
  Controller: {
    'porvoo-employment-area': ['Porvoon työllisyysalue', 'Borgå sysselsättningsområde', 'Porvoo employment area'],
    'keski-uusimaa-employment-area': [
      'Keski-Uudenmaan työllisyysalue',
      'Mellersta Nylands sysselsättningsområde',
      'Keski-Uusimaa employment area',
    ],
    'ita-uusimaa-wellbeing-county': [
      'Itä-Uudenmaan hyvinvointialue',
      'Östra Nylands välfärdsområde',
      'Itä-Uusimaa wellbeing services county',
    ],
    'keski-uusimaa-wellbeing-county': [
      'Keski-Uudenmaan hyvinvointialue',
      'Mellersta Nylands välfärdsområde',
      'Keski-Uusimaa wellbeing services county',
    ],
    kela: ['Kela', 'FPA', 'Kela'],
  },
  Area: {
    'ita-uusimaa': ['Itä-Uusimaa', 'Östra Nyland', 'Itä-Uusimaa'],
    'keski-uusimaa': ['Keski-Uusimaa', 'Mellersta Nyland', 'Keski-Uusimaa'],
  },
  StatValue: {
    'under-30': ['alle 30', 'under 30', 'under 30'],
    '30-49': ['30–49', '30–49', '30–49'],
    '50+': ['50 tai yli', '50 eller äldre', '50 and over'],
    NONE: ['ei päättynyt', 'inte avslutad', 'not ended'],
  },
  Dimension: {
    MUNICIPALITY: ['kunta', 'kommun', 'municipality'],
    AGE_GROUP: ['ikäryhmä', 'åldersgrupp', 'age group'],
    START_MONTH: ['alkamiskuukausi', 'startmånad', 'start month'],
    STATUS: ['tila', 'status', 'status'],
    END_REASON: ['päättymisen syy', 'orsak till avslut', 'end reason'],
  },
} satisfies Record<string, Record<string, T>>;

export type Key = keyof typeof UI;
export type EnumKind = keyof typeof ENUMS;

function detect(): Lang {
  const stored = sessionStorage.getItem('tym.lang');
  if (stored && (LANGS as readonly string[]).includes(stored)) return stored as Lang;
  for (const l of navigator.languages ?? [navigator.language]) {
    const base = l.slice(0, 2).toLowerCase();
    if ((LANGS as readonly string[]).includes(base)) return base as Lang;
  }
  return 'fi';
}

export const lang = signal<Lang>(detect());
document.documentElement.lang = lang.value;

export function setLang(l: Lang): void {
  sessionStorage.setItem('tym.lang', l);
  document.documentElement.lang = l;
  lang.value = l;
}

const index = (): number => LANGS.indexOf(lang.value);

export const t = (key: Key): string => UI[key][index()];

/** The words for a value of one of the contract's enumerations; the code itself when it has none. */
export function word(kind: EnumKind, value: string | null | undefined): string {
  if (!value) return '';
  const entry = (ENUMS[kind] as Record<string, T>)[value];
  return entry ? entry[index()] : value;
}

export const enumValues = (kind: EnumKind): string[] => Object.keys(ENUMS[kind]);

const known = (kind: EnumKind, value: string): boolean => Object.hasOwn(ENUMS[kind], value);

/** A register controller by its organisation's name: in the app's words, else as configured, else its id. */
export function controllerName(id: string | null | undefined): string {
  if (!id) return '';
  if (known('Controller', id)) return word('Controller', id);
  for (const a of config.value?.areas ?? []) if (a.controllers[id]) return a.controllers[id]!;
  return id;
}

/** A cooperation area by its name. */
export function areaName(id: string | null | undefined): string {
  if (!id) return '';
  if (known('Area', id)) return word('Area', id);
  return config.value?.areas.find((a) => a.id === id)?.name ?? id;
}

/** A value of a statistics key in words: statuses, end reasons and age groups are codes. */
export function statValue(dimension: string, value: string): string {
  if (dimension === 'STATUS') return word('Status', value);
  if (dimension === 'END_REASON')
    return known('EndReason', value) ? word('EndReason', value) : word('StatValue', value);
  if (dimension === 'AGE_GROUP') return word('StatValue', value);
  return value;
}

const dateFormat = new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki' });
const timeFormat = new Intl.DateTimeFormat('fi-FI', {
  timeZone: 'Europe/Helsinki',
  dateStyle: 'short',
  timeStyle: 'short',
});

/** A Date (YYYY-MM-DD) or DateTime in the Finnish format: 2.12.2026, or 2.12.2026 klo 9.30. */
export function fiDate(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number);
    return `${d}.${m}.${y}`;
  }
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? value : timeFormat.format(at).replace(' klo', '');
}

export const fiDay = (at: Date): string => dateFormat.format(at);
