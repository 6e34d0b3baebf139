// Word lists for the synthetic demo world. Person names are common Finnish and Finland-Swedish names
// combined at random; officials and employers are invented. Texts are generic professional phrasing
// that describes no one.
import type { KelaBenefitType, KelaSeed, Official } from './types.ts';

// ---- areas and municipalities ------------------------------------------------------------------

export const AREA_IDS = ['ita-uusimaa', 'keski-uusimaa'] as const;
export type AreaId = (typeof AREA_IDS)[number];

export interface AreaInfo {
  employmentOffice: string;
  wellbeingArea: string;
  /** Used in unit names of the wellbeing register, e.g. "Itä-Uusimaa social services, Porvoo". */
  wellbeingShort: string;
}

export const AREAS: Record<AreaId, AreaInfo> = {
  'ita-uusimaa': {
    employmentOffice: 'Porvoo employment area',
    wellbeingArea: 'Itä-Uusimaa wellbeing services county',
    wellbeingShort: 'Itä-Uusimaa',
  },
  'keski-uusimaa': {
    employmentOffice: 'Keski-Uusimaa employment area',
    wellbeingArea: 'Keski-Uusimaa wellbeing services county',
    wellbeingShort: 'Keski-Uusimaa',
  },
};

export interface MunicipalityInfo {
  name: string;
  area: AreaId;
  /** Roughly the population in thousands: how often the municipality is drawn within its area. */
  weight: number;
  /** Roughly the share of Swedish speakers. */
  swedishShare: number;
}

export const MUNICIPALITIES: readonly MunicipalityInfo[] = [
  { name: 'Porvoo', area: 'ita-uusimaa', weight: 51, swedishShare: 0.28 },
  { name: 'Loviisa', area: 'ita-uusimaa', weight: 14.5, swedishShare: 0.4 },
  { name: 'Lapinjärvi', area: 'ita-uusimaa', weight: 2.5, swedishShare: 0.3 },
  { name: 'Askola', area: 'ita-uusimaa', weight: 4.8, swedishShare: 0.03 },
  { name: 'Pukkila', area: 'ita-uusimaa', weight: 1.9, swedishShare: 0.03 },
  { name: 'Myrskylä', area: 'ita-uusimaa', weight: 1.8, swedishShare: 0.25 },
  { name: 'Hyvinkää', area: 'keski-uusimaa', weight: 47, swedishShare: 0.01 },
  { name: 'Järvenpää', area: 'keski-uusimaa', weight: 46, swedishShare: 0.02 },
  { name: 'Mäntsälä', area: 'keski-uusimaa', weight: 21, swedishShare: 0.01 },
  { name: 'Nurmijärvi', area: 'keski-uusimaa', weight: 34, swedishShare: 0.015 },
  { name: 'Pornainen', area: 'keski-uusimaa', weight: 5, swedishShare: 0.01 },
  { name: 'Tuusula', area: 'keski-uusimaa', weight: 32, swedishShare: 0.02 },
];

// ---- person names -----------------------------------------------------------------------------

export const FINNISH_MALE_NAMES = [
  'Juha',
  'Mikko',
  'Timo',
  'Jari',
  'Markku',
  'Antti',
  'Matti',
  'Pekka',
  'Janne',
  'Mika',
  'Sami',
  'Petri',
  'Ville',
  'Tuomas',
  'Jukka',
  'Kari',
  'Heikki',
  'Teemu',
  'Lauri',
  'Juho',
  'Eero',
  'Aleksi',
  'Joonas',
  'Veeti',
  'Niko',
  'Otto',
  'Onni',
  'Eetu',
  'Tommi',
  'Harri',
  'Jarmo',
  'Pasi',
  'Marko',
  'Esa',
  'Seppo',
  'Raimo',
  'Tapio',
  'Arto',
  'Ilkka',
  'Jouni',
  'Kalle',
  'Santeri',
  'Joni',
  'Henri',
  'Riku',
  'Toni',
  'Olli',
  'Vesa',
  'Jyrki',
  'Aki',
] as const;

export const FINNISH_FEMALE_NAMES = [
  'Anna',
  'Maria',
  'Tiina',
  'Sari',
  'Päivi',
  'Anne',
  'Minna',
  'Marja',
  'Tuula',
  'Pirjo',
  'Leena',
  'Riitta',
  'Hanna',
  'Katja',
  'Johanna',
  'Laura',
  'Heidi',
  'Jenni',
  'Elina',
  'Satu',
  'Susanna',
  'Niina',
  'Emmi',
  'Aino',
  'Eveliina',
  'Iida',
  'Sanna',
  'Veera',
  'Noora',
  'Roosa',
  'Ella',
  'Sofia',
  'Milla',
  'Kaisa',
  'Merja',
  'Anu',
  'Outi',
  'Kirsi',
  'Tarja',
  'Eija',
  'Helena',
  'Sini',
  'Henna',
  'Jonna',
  'Pauliina',
  'Oona',
  'Essi',
  'Reetta',
  'Salla',
  'Vilma',
] as const;

export const SWEDISH_MALE_NAMES = [
  'Anders',
  'Johan',
  'Mikael',
  'Peter',
  'Stefan',
  'Henrik',
  'Fredrik',
  'Mats',
  'Jan',
  'Lars',
  'Nils',
  'Erik',
  'Per',
  'Björn',
  'Kristian',
  'Thomas',
  'Patrik',
  'Tobias',
  'Jonas',
  'Rasmus',
  'Oskar',
  'Emil',
  'Axel',
  'Viktor',
  'Gustav',
  'Anton',
  'Simon',
  'Joakim',
  'Robin',
  'Sebastian',
  'Max',
  'Hugo',
  'Ludvig',
  'Kim',
  'Göran',
  'Bengt',
  'Ulf',
  'Magnus',
  'Christoffer',
  'Alexander',
  'Daniel',
  'Filip',
  'Jesper',
  'Kenneth',
  'Leif',
  'Rolf',
  'Sten',
  'Lucas',
  'Isak',
  'William',
] as const;

export const SWEDISH_FEMALE_NAMES = [
  'Anna',
  'Maria',
  'Karin',
  'Eva',
  'Kristina',
  'Birgitta',
  'Ulla',
  'Margareta',
  'Camilla',
  'Sofia',
  'Ida',
  'Emma',
  'Linnea',
  'Elin',
  'Josefin',
  'Matilda',
  'Sara',
  'Jenny',
  'Malin',
  'Johanna',
  'Hanna',
  'Annika',
  'Monica',
  'Susanne',
  'Helena',
  'Lena',
  'Ingrid',
  'Astrid',
  'Ebba',
  'Frida',
  'Wilma',
  'Alva',
  'Elsa',
  'Klara',
  'Saga',
  'Tove',
  'Cecilia',
  'Pia',
  'Carina',
  'Gunilla',
  'Marina',
  'Nina',
  'Amanda',
  'Julia',
  'Louise',
  'Agnes',
  'Stina',
  'Maja',
  'Heidi',
  'Therese',
] as const;

export const FINNISH_SURNAMES = [
  'Korhonen',
  'Virtanen',
  'Mäkinen',
  'Nieminen',
  'Mäkelä',
  'Hämäläinen',
  'Laine',
  'Heikkinen',
  'Koskinen',
  'Järvinen',
  'Lehtonen',
  'Lehtinen',
  'Saarinen',
  'Salminen',
  'Heinonen',
  'Niemi',
  'Heikkilä',
  'Kinnunen',
  'Salonen',
  'Turunen',
  'Salo',
  'Laitinen',
  'Tuominen',
  'Rantanen',
  'Karjalainen',
  'Jokinen',
  'Mattila',
  'Savolainen',
  'Lahtinen',
  'Ahonen',
  'Hirvonen',
  'Leinonen',
  'Koivisto',
  'Kettunen',
  'Hiltunen',
  'Miettinen',
  'Aaltonen',
  'Pesonen',
  'Manninen',
  'Väisänen',
  'Seppälä',
  'Ketola',
  'Mustonen',
  'Honkanen',
  'Rautio',
  'Peltonen',
  'Räsänen',
  'Lappalainen',
  'Anttila',
  'Huttunen',
] as const;

export const SWEDISH_SURNAMES = [
  'Lindqvist',
  'Lindholm',
  'Holmberg',
  'Nyström',
  'Sundström',
  'Lindroos',
  'Forsström',
  'Söderholm',
  'Eriksson',
  'Johansson',
  'Karlsson',
  'Andersson',
  'Gustafsson',
  'Backman',
  'Blomqvist',
  'Strömberg',
  'Grönroos',
  'Westerlund',
  'Åberg',
  'Ekholm',
  'Lindberg',
  'Nordström',
  'Sjöberg',
  'Holmström',
  'Sandberg',
  'Enqvist',
  'Häggblom',
  'Fagerström',
  'Granholm',
  'Wikström',
  'Stenroos',
  'Björklund',
  'Lundqvist',
  'Engström',
  'Berglund',
  'Mattsson',
  'Nyman',
  'Öhman',
  'Wallin',
  'Ahlström',
  'Lönnqvist',
  'Hägglund',
  'Bergman',
  'Sundqvist',
  'Forsman',
  'Nylund',
  'Sjöblom',
  'Östman',
  'Holmqvist',
  'Lindström',
] as const;

/** Mobile operator prefixes after +358. */
export const MOBILE_PREFIXES = ['40', '41', '44', '45', '46', '50'] as const;
/** A reserved top-level domain (RFC 2606): no demo address can ever receive mail. */
export const EMAIL_DOMAIN = 'tym-demo.invalid';

// ---- officials ----------------------------------------------------------------------------------

export const TITLES = {
  employmentSpecialist: 'Employment specialist',
  workAbilityCoordinator: 'Work-ability coordinator',
  psychologist: 'Psychologist',
  supervisor: 'Supervisor',
  socialWorker: 'Social worker',
  socialInstructor: 'Social instructor',
  publicHealthNurse: 'Public health nurse',
  serviceSpecialist: 'Service specialist',
  workAbilitySpecialist: 'Work-ability specialist',
  decisionSpecialist: 'Decision specialist',
} as const;

const T = TITLES;
// Frozen: generated persons share these objects.
const o = (org: Official['org'], area: AreaId, name: string, title: string): Official =>
  Object.freeze({ org, area, name, title });

export const OFFICIALS: readonly Official[] = [
  o('employment', 'ita-uusimaa', 'Kaisa Lindroos', T.employmentSpecialist),
  o('employment', 'ita-uusimaa', 'Jussi Hakala', T.employmentSpecialist),
  o('employment', 'ita-uusimaa', 'Camilla Westerlund', T.employmentSpecialist),
  o('employment', 'ita-uusimaa', 'Tero Vainio', T.employmentSpecialist),
  o('employment', 'ita-uusimaa', 'Mervi Kallio', T.workAbilityCoordinator),
  o('employment', 'ita-uusimaa', 'Henrik Ekholm', T.psychologist),
  o('employment', 'ita-uusimaa', 'Riitta Saarela', T.supervisor),
  o('wellbeing', 'ita-uusimaa', 'Sanna Rinne', T.socialWorker),
  o('wellbeing', 'ita-uusimaa', 'Maria Forsman', T.socialWorker),
  o('wellbeing', 'ita-uusimaa', 'Petteri Ojala', T.socialInstructor),
  o('wellbeing', 'ita-uusimaa', 'Linda Sjöholm', T.socialInstructor),
  o('wellbeing', 'ita-uusimaa', 'Heli Kärkkäinen', T.publicHealthNurse),
  o('wellbeing', 'ita-uusimaa', 'Anu Heikura', T.workAbilityCoordinator),
  o('wellbeing', 'ita-uusimaa', 'Mikael Grönlund', T.supervisor),
  o('kela', 'ita-uusimaa', 'Outi Leppänen', T.serviceSpecialist),
  o('kela', 'ita-uusimaa', 'Jonas Nyberg', T.workAbilitySpecialist),
  o('kela', 'ita-uusimaa', 'Tiina Parviainen', T.decisionSpecialist),
  o('employment', 'keski-uusimaa', 'Markus Rantala', T.employmentSpecialist),
  o('employment', 'keski-uusimaa', 'Elina Suominen', T.employmentSpecialist),
  o('employment', 'keski-uusimaa', 'Jaana Toivonen', T.employmentSpecialist),
  o('employment', 'keski-uusimaa', 'Ville Harju', T.employmentSpecialist),
  o('employment', 'keski-uusimaa', 'Sirpa Nurmi', T.employmentSpecialist),
  o('employment', 'keski-uusimaa', 'Pia Lundgren', T.workAbilityCoordinator),
  o('employment', 'keski-uusimaa', 'Ari Koivula', T.psychologist),
  o('employment', 'keski-uusimaa', 'Kimmo Lahti', T.supervisor),
  o('wellbeing', 'keski-uusimaa', 'Katri Aalto', T.socialWorker),
  o('wellbeing', 'keski-uusimaa', 'Hannele Vuori', T.socialWorker),
  o('wellbeing', 'keski-uusimaa', 'Jari Peltola', T.socialInstructor),
  o('wellbeing', 'keski-uusimaa', 'Noora Hyvönen', T.socialInstructor),
  o('wellbeing', 'keski-uusimaa', 'Minna Kauppinen', T.publicHealthNurse),
  o('wellbeing', 'keski-uusimaa', 'Laura Mäki', T.workAbilityCoordinator),
  o('wellbeing', 'keski-uusimaa', 'Tapani Heino', T.supervisor),
  o('kela', 'keski-uusimaa', 'Susanna Ikonen', T.serviceSpecialist),
  o('kela', 'keski-uusimaa', 'Eveliina Hovi', T.serviceSpecialist),
  o('kela', 'keski-uusimaa', 'Olli Repo', T.workAbilitySpecialist),
  o('kela', 'keski-uusimaa', 'Marjut Kivelä', T.decisionSpecialist),
];

// ---- education and work -------------------------------------------------------------------------

export type EducationLevel = 'basic' | 'upper' | 'vocational' | 'uas' | 'university';

export interface Degree {
  degree: string;
  level: EducationLevel;
  fields: readonly string[];
}

export const DEGREES: readonly Degree[] = [
  { degree: 'Basic education certificate', level: 'basic', fields: ['General education'] },
  { degree: 'Matriculation examination', level: 'upper', fields: ['General upper secondary education'] },
  {
    degree: 'Vocational qualification',
    level: 'vocational',
    fields: [
      'Logistics',
      'Business and administration',
      'Building and construction',
      'Social and health care',
      'Hotel, restaurant and catering services',
      'Vehicle technology',
      'Electrical and automation engineering',
      'Machine and production technology',
      'Property services',
      'Information and communications technology',
      'Agriculture',
      'Hairdressing',
      'Cleaning and property services',
      'Education and guidance',
      'Surface treatment',
      'Forestry',
    ],
  },
  {
    degree: 'Further vocational qualification',
    level: 'vocational',
    fields: [
      'Transport services',
      'Property maintenance',
      'Management and business',
      'Security',
      'Purchasing and logistics',
    ],
  },
  {
    degree: 'Specialist vocational qualification',
    level: 'vocational',
    fields: ['Management', 'Work community development', 'Mental health and substance abuse work'],
  },
  {
    degree: 'Bachelor of Business Administration',
    level: 'uas',
    fields: ['Business administration', 'Business information technology', 'Tourism management'],
  },
  {
    degree: 'Bachelor of Engineering',
    level: 'uas',
    fields: ['Mechanical engineering', 'Construction engineering', 'Information technology', 'Energy technology'],
  },
  { degree: 'Bachelor of Social Services', level: 'uas', fields: ['Social services'] },
  { degree: 'Bachelor of Health Care', level: 'uas', fields: ['Nursing', 'Physiotherapy'] },
  { degree: 'Bachelor of Culture and Arts', level: 'uas', fields: ['Media', 'Music', 'Design'] },
  { degree: 'Bachelor of Arts', level: 'university', fields: ['Languages', 'History', 'Art history'] },
  { degree: 'Master of Arts', level: 'university', fields: ['Languages', 'Education', 'Cultural studies'] },
  {
    degree: 'Master of Social Sciences',
    level: 'university',
    fields: ['Sociology', 'Political science', 'Social psychology'],
  },
  {
    degree: 'Master of Science (Economics and Business Administration)',
    level: 'university',
    fields: ['Accounting', 'Marketing'],
  },
  { degree: 'Master of Science (Technology)', level: 'university', fields: ['Computer science', 'Civil engineering'] },
];

/**
 * Institutions by level, area and language; a Swedish speaker is usually schooled in Swedish, elsewhere if the area
 * has no Swedish one.
 */
export const INSTITUTIONS: Record<
  Exclude<EducationLevel, 'basic'>,
  Record<AreaId | 'any', { fi: readonly string[]; sv: readonly string[] }>
> = {
  upper: {
    'ita-uusimaa': { fi: ['Porvoon lukio', 'Loviisan lukio'], sv: ['Borgå Gymnasium', 'Lovisa Gymnasium'] },
    'keski-uusimaa': {
      fi: [
        'Hyvinkään yhteiskoulun lukio',
        'Järvenpään lukio',
        'Mäntsälän lukio',
        'Tuusulan lukio',
        'Nurmijärven lukio',
      ],
      sv: [],
    },
    any: { fi: ['Helsingin aikuislukio'], sv: ['Gymnasiet Lärkan'] },
  },
  vocational: {
    'ita-uusimaa': { fi: ['Careeria'], sv: ['Inveon'] },
    'keski-uusimaa': { fi: ['Keuda', 'Hyria'], sv: [] },
    any: { fi: ['Stadin ammatti- ja aikuisopisto', 'Omnia'], sv: ['Yrkesinstitutet Prakticum'] },
  },
  uas: {
    'ita-uusimaa': {
      fi: ['Haaga-Helia University of Applied Sciences'],
      sv: ['Arcada University of Applied Sciences'],
    },
    'keski-uusimaa': {
      fi: ['Laurea University of Applied Sciences', 'Metropolia University of Applied Sciences'],
      sv: [],
    },
    any: {
      fi: ['Häme University of Applied Sciences', 'Metropolia University of Applied Sciences'],
      sv: ['Novia University of Applied Sciences'],
    },
  },
  university: {
    'ita-uusimaa': { fi: ['University of Helsinki'], sv: ['Åbo Akademi University', 'Hanken School of Economics'] },
    'keski-uusimaa': { fi: ['University of Helsinki', 'Aalto University'], sv: [] },
    any: { fi: ['University of Tampere', 'University of Jyväskylä'], sv: ['Åbo Akademi University'] },
  },
};

export const JOB_TITLES = [
  'Warehouse worker',
  'Forklift driver',
  'Cleaner',
  'Practical nurse',
  'Cook',
  'Kitchen assistant',
  'Sales assistant',
  'Cashier',
  'Construction worker',
  'Painter',
  'Carpenter',
  'Bus driver',
  'Delivery driver',
  'Customer service representative',
  'Office assistant',
  'Accounting assistant',
  'Machine operator',
  'Assembly worker',
  'Property maintenance worker',
  'Gardener',
  'Security guard',
  'Personal assistant',
  'Childcare worker',
  'Waiter',
  'Barista',
  'IT support specialist',
  'Electrician',
  'Welder',
  'Car mechanic',
  'Postal worker',
  'Newspaper deliverer',
  'Harbour worker',
  'Farm worker',
  'Hairdresser',
  'Receptionist',
  'Call centre agent',
  'Production worker',
  'Packer',
  'Summer worker',
  'School assistant',
  'Care assistant',
  'Logistics coordinator',
] as const;

export const EMPLOYERS = [
  'Uudenmaan Varastopalvelut Oy',
  'Kiinteistöhuolto Koivu Oy',
  'Rakennuspalvelu Kallio Oy',
  'Siivouspalvelu Kirkas Oy',
  'Kauppakulma Oy',
  'Ravintola Joenranta',
  'Logistiikka Nyland Oy',
  'Metallityö Ketola Oy',
  'Elintarvike Kartano Oy',
  'Kuljetus Salmi Oy',
  'Turvapalvelu Vahti Oy',
  'Hoivakoti Kotiranta',
  'Päiväkoti Pikkupolku',
  'Autohuolto Tieto Oy',
  'Puutarha Vihervaara Oy',
  'Asiakaspalvelu Linja Oy',
  'Pakkaustehdas Laatu Oy',
  'Sähköasennus Virta Oy',
  'Kahvila Kulmatupa',
  'Maatila Mäkelä',
  'Kirjapaino Sivu Oy',
  'Henkilöstöpalvelu Tekijät Oy',
  'Kauppakeskus Aukio',
  'Östnyländsk Fastighetsservice Ab',
  'Skärgårdens Transport Ab',
  'Nylands Bageri Ab',
  'Borgå Byggservice Ab',
  'Hamnlogistik Öst Ab',
  'Trädgård Grönt Ab',
  'Hotell Åstranden',
  'Café Gamla Stan',
  'City of Porvoo',
  'Town of Loviisa',
  'City of Hyvinkää',
  'City of Järvenpää',
  'Municipality of Tuusula',
  'Municipality of Nurmijärvi',
  'Itä-Uusimaa wellbeing services county',
  'Keski-Uusimaa wellbeing services county',
  'Posti Group',
  'Finnish Defence Forces',
] as const;

export const SKILLS = [
  'Forklift licence',
  'Hygiene passport',
  'Occupational safety card',
  'First aid (EA1)',
  'Driving licence C',
  'Customer service',
  'Office software',
  'Swedish',
  'English',
  'Estonian',
  'Russian',
  'Finnish',
  'Cash register',
  'Professional cleaning',
  'Warehouse management systems',
  'Welding',
  'Childcare',
  'Care of older people',
  'Bookkeeping',
  'Social media marketing',
  'Programming',
  'Hot work licence',
  'Electrical safety card',
  'Food service',
  'Gardening',
  'Road safety card',
  'Security guard card',
  'Medication administration',
] as const;

export const EMPLOYMENT_SERVICE_TYPES = [
  'Labour market training',
  'Work trial',
  'Job search coaching',
  'Career coaching',
  'Pay subsidy work',
  'Preparatory training',
  'Self-motivated study with unemployment benefit',
  'Work-ability assessment',
  'Vocational guidance by a psychologist',
  'Job club',
] as const;

export const TRAINING_PROVIDERS: Record<AreaId, readonly string[]> = {
  'ita-uusimaa': ['Careeria', 'Inveon', 'Coaching service Suunta Oy', 'Valmennuspalvelu Polku Oy'],
  'keski-uusimaa': ['Keuda', 'Hyria', 'Coaching service Suunta Oy', 'Valmennuspalvelu Polku Oy'],
};

export const BENEFIT_STATEMENTS = [
  {
    statementType: 'Labour market subsidy: entitlement',
    outcome: 'Entitled',
    reasoning: 'The job seeker is registered as unemployed and available for full-time work; no obstacle to payment.',
  },
  {
    statementType: 'Labour market subsidy: entitlement',
    outcome: 'Entitled after the waiting period',
    reasoning:
      'The job seeker has no vocational qualification and is under 25; the subsidy is paid after the ' +
      'waiting period of five days.',
  },
  {
    statementType: 'Refusal of an employment service',
    outcome: 'Obstacle to payment for 15 days',
    reasoning: 'The job seeker did not start an agreed job search coaching without a valid reason.',
  },
  {
    statementType: 'Job search obligation',
    outcome: 'No obstacle to payment',
    reasoning:
      'The job seeker did not apply for the required number of jobs, but health reasons were presented and accepted.',
  },
  {
    statementType: 'Job search obligation',
    outcome: 'Obstacle to payment for 7 days',
    reasoning:
      'The job seeker did not apply for the agreed number of jobs during the review period; no valid reason was given.',
  },
  {
    statementType: 'Full-time studies',
    outcome: 'Not entitled during studies',
    reasoning:
      'Studies of at least five credits a month are considered full-time; unemployment benefit is not paid ' +
      'during them.',
  },
  {
    statementType: 'Rehabilitative work activity',
    outcome: 'Entitled to the expense allowance',
    reasoning: 'The job seeker takes part in rehabilitative work activity agreed in the activation plan.',
  },
  {
    statementType: 'Part-time work',
    outcome: 'Adjusted benefit payable',
    reasoning: 'Part-time work of under 80 per cent of full-time hours; the benefit is adjusted to the earnings.',
  },
] as const;

// ---- the joint record ---------------------------------------------------------------------------

export const REFERRAL_NOTES = [
  'Referred by the employment specialist after a long period of unemployment.',
  'The client asked for multi-sectoral support at a job-search interview.',
  'Referred by the social worker: employment is hindered by several overlapping problems.',
  'Referred by the health centre after a work-ability examination.',
  'Referred by Kela: rehabilitation needs to be coordinated with employment services.',
  'Referred by outreach youth work.',
  'Referred after the 12-month review of unemployment.',
] as const;

export const SERVICE_NEED_TEXTS = {
  situation: [
    'Unemployed for over a year after a fixed-term contract ended.',
    'Registered job seeker for several years with only short periods of work.',
    'No vocational qualification; work history consists of short temporary jobs.',
    'Laid off from production work; skills do not match the current openings in the area.',
    'Returning to the labour market after a long period of caring for a family member.',
    'Completed general upper secondary school; no work experience yet.',
    'Work history in construction interrupted by health problems.',
    'Several interrupted vocational studies; motivated to try again with support.',
  ],
  barrier: [
    'Needs support in setting a realistic career goal.',
    'Job search has been hindered by health and everyday coping difficulties.',
    'Language skills limit opportunities in customer service work.',
    'Work ability needs to be assessed before training is chosen.',
    "Financial difficulties and uncertain housing take up most of the client's resources.",
    'Lacks the licences and cards most warehouse and construction jobs require.',
    'Has difficulty using the digital job search services.',
  ],
  direction: [
    'Agreed to start with a work trial and a joint follow-up meeting.',
    'Employment, social and health services are needed together.',
    'Short vocational training with a work placement seems the most realistic route.',
    'The client wants to aim for part-time work first.',
    'Rehabilitation options are to be examined together with Kela.',
    'The client is motivated; the main need is coordinated support and regular contact.',
  ],
} as const;

export const SOCIAL_SITUATION_TEXTS = {
  finding: [
    'Lives alone in a rental flat; housing is stable.',
    'Single parent of two school-aged children; childcare arrangements limit working hours.',
    'Rent arrears; a payment plan with the landlord is in progress.',
    'Debts in enforcement; referred to financial and debt counselling.',
    'Limited social network; the daily rhythm has weakened during unemployment.',
    'No driving licence, and public transport to the main workplaces is limited.',
    'Substance use has decreased; outpatient support continues.',
    'Recently moved to the area; no local contacts yet.',
  ],
  conclusion: [
    'Social work support continues alongside the employment services.',
    'Rehabilitative work activity is considered suitable to strengthen the daily routine.',
    'No need for social work beyond basic services at the moment.',
    'A social instructor supports with practical matters during the first months.',
  ],
} as const;

export const WORK_CAPACITY_TEXTS = {
  finding: [
    'Recurrent low back pain limits heavy lifting; light and varied work is suitable.',
    'Depressive symptoms have eased with treatment; work ability is partly restored.',
    'Anxiety symptoms make customer-facing work difficult at present.',
    'Work ability is sufficient for full-time work without specific restrictions.',
    'Shoulder problems prevent overhead work; retraining for lighter tasks is recommended.',
    'Attention difficulties affect studies and work; structured tasks and clear instructions help.',
    'The health examination found no obstacles to work; fitness is reduced after a long break.',
    'Diabetes is well controlled; night shifts should be avoided.',
  ],
  conclusion: [
    'Work ability is to be reassessed after the work trial.',
    "Recommended: an occupational physiotherapist's assessment and vocational rehabilitation.",
    'Part-time work of four to six hours a day is considered suitable.',
    'No restrictions on training or job search.',
    'Kela vocational rehabilitation is to be applied for.',
  ],
} as const;

export type KelaRehabilitationType = KelaSeed['rehabilitation'][number]['type'];

/** Plan services by provider; Kela's name the rehabilitation they stand for. */
export const PLAN_SERVICES = {
  employment: [
    'Job search coaching, six weeks',
    'Work trial at a suitable workplace',
    'Labour market training in logistics',
    'Labour market training in property services',
    'Pay subsidy work',
    'Career coaching',
    'Individual job search support by the employment specialist',
    'Vocational guidance by the employment psychologist',
    'Preparatory training for vocational studies',
  ],
  wellbeing: [
    'Rehabilitative work activity, three days a week',
    'Mental health outpatient care',
    'Substance abuse outpatient services',
    'Social work: support with housing and finances',
    'Health examination for the unemployed',
    'Financial and debt counselling',
    "Physiotherapist's work-ability assessment",
    "Social instructor's support in daily activities",
  ],
  municipality: [
    'Municipal workshop activity',
    'Municipal employment services: job coaching',
    'Outreach youth work',
    'Municipal summer job',
  ],
  kela: [
    { description: 'Kela vocational rehabilitation: work trial', rehab: 'VOCATIONAL_REHABILITATION' },
    { description: 'Kela vocational rehabilitation: vocational training', rehab: 'VOCATIONAL_REHABILITATION' },
    { description: 'Kela rehabilitation course for work ability', rehab: 'REHABILITATION_COURSE' },
    { description: 'Kela rehabilitative psychotherapy', rehab: 'REHABILITATIVE_PSYCHOTHERAPY' },
  ],
  kelaYouth: { description: 'Kela NUOTTI coaching', rehab: 'YOUTH_COACHING' },
} as const satisfies {
  kela: readonly { description: string; rehab: KelaRehabilitationType }[];
  kelaYouth: { description: string; rehab: KelaRehabilitationType };
  [k: string]: unknown;
};

export const REVIEW_NOTES = [
  'The work trial progressed as planned; labour market training is the next step.',
  'The client has attended rehabilitative work activity regularly; days per week increased.',
  'The health situation has slowed progress; the plan continues with adjusted goals.',
  'The client found part-time work; coordination continues.',
  'The services are under way; no changes to the plan.',
  'No progress since the last review; a new meeting was agreed by phone.',
  'The Kela rehabilitation decision was received; the plan was updated accordingly.',
  "Training place changed to a shorter course at the client's request.",
] as const;

export const CLIENT_REQUESTED_REVIEW_NOTES = [
  "Reviewed at the client's request: the training did not suit; an alternative was agreed.",
  "Reviewed at the client's request after a change in health.",
] as const;

export const APPOINTMENT_NOTES = [
  'Joint start meeting',
  'Service need assessment meeting',
  'Plan meeting with the client',
  'Follow-up meeting',
  'Work trial follow-up',
  'Review of the plan',
  'Three-party meeting with the workplace',
  'Meeting on ending the customership',
] as const;

export const LEGAL_HOLD_REASONS = [
  'Appeal pending at the administrative court.',
  'Complaint pending with the Parliamentary Ombudsman.',
  'Claim for damages pending.',
] as const;

// ---- the wellbeing register ---------------------------------------------------------------------

export const ICD10 = [
  { code: 'F32.1', description: 'Moderate depressive episode', weight: 10 },
  { code: 'F32.0', description: 'Mild depressive episode', weight: 6 },
  { code: 'F33.1', description: 'Recurrent depressive disorder, current episode moderate', weight: 6 },
  { code: 'F41.1', description: 'Generalized anxiety disorder', weight: 8 },
  { code: 'F41.0', description: 'Panic disorder', weight: 3 },
  { code: 'F43.1', description: 'Post-traumatic stress disorder', weight: 2 },
  {
    code: 'F10.2',
    description: 'Mental and behavioural disorders due to use of alcohol: dependence syndrome',
    weight: 5,
  },
  {
    code: 'F12.2',
    description: 'Mental and behavioural disorders due to use of cannabinoids: dependence syndrome',
    weight: 2,
  },
  { code: 'F90.0', description: 'Disturbance of activity and attention', weight: 5 },
  { code: 'F84.5', description: 'Asperger syndrome', weight: 2 },
  { code: 'F60.3', description: 'Emotionally unstable personality disorder', weight: 1 },
  { code: 'M54.5', description: 'Low back pain', weight: 9 },
  { code: 'M51.1', description: 'Lumbar and other intervertebral disc disorders with radiculopathy', weight: 3 },
  { code: 'M75.1', description: 'Rotator cuff syndrome', weight: 3 },
  { code: 'M17.1', description: 'Other primary gonarthrosis', weight: 2 },
  { code: 'E11.9', description: 'Type 2 diabetes mellitus without complications', weight: 4 },
  { code: 'I10', description: 'Essential (primary) hypertension', weight: 5 },
  { code: 'J45.9', description: 'Asthma, unspecified', weight: 3 },
  { code: 'G43.9', description: 'Migraine, unspecified', weight: 2 },
  { code: 'G40.9', description: 'Epilepsy, unspecified', weight: 1 },
  { code: 'G47.0', description: 'Disorders of initiating and maintaining sleep', weight: 2 },
  { code: 'E66.9', description: 'Obesity, unspecified', weight: 3 },
] as const;

// ---- Kela's register ----------------------------------------------------------------------------

/** Daily amounts in cents (2024–2025 levels) and typical monthly ranges. */
export const BENEFIT_AMOUNTS: Record<KelaBenefitType, { dailyCents?: number; monthlyCents?: [number, number] }> = {
  LABOUR_MARKET_SUBSIDY: { dailyCents: 3721 },
  BASIC_UNEMPLOYMENT_ALLOWANCE: { dailyCents: 3721 },
  REHABILITATION_ALLOWANCE: { dailyCents: 3721 },
  SICKNESS_ALLOWANCE: { dailyCents: 3199 },
  GENERAL_HOUSING_ALLOWANCE: { monthlyCents: [12000, 62000] },
  BASIC_SOCIAL_ASSISTANCE: { monthlyCents: [8000, 61000] },
};

export const KELA_REHABILITATION_PROVIDERS = [
  'Kuntoutuskeskus Kaari',
  'Rehabiliteringscenter Skärgården',
  'Valmennuspalvelu Polku Oy',
  'Psykoterapiapalvelu Selkeä',
  'Kuntoutus Etappi Oy',
  'Coaching service Suunta Oy',
] as const;
