// Fictional names only: invented company stems and people; any resemblance is accidental.

export const companyStems = [
  'Acme', 'Globex', 'Initrode', 'Umbrella', 'Vandelay', 'Hooli', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne',
  'Soylent', 'Wonka', 'Gringotts', 'Oscorp', 'Massive', 'Prestige', 'Sirius', 'Virtucon', 'Monarch', 'Duff',
  'Bluth', 'Dunder', 'Pied Piper', 'Aperture', 'Black Mesa', 'Nakatomi', 'Oceanic', 'Gekko', 'Sterling', 'Kramerica',
  'Zorg', 'Weyland', 'Rekall', 'Omni', 'Buy n Large', 'Ollivander', 'Krusty', 'Planet', 'Ghostwood', 'Dharma',
  'Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Litware', 'Proseware', 'Adatum', 'Woodgrove', 'Lucerne', 'Fourth Coffee',
  'Alpine Ski', 'Coho', 'Wingtip', 'Trey', 'Relecloud', 'Datum', 'Margie', 'Humongous', 'Blue Yonder', 'Graphic Design',
  'Nimbus', 'Halcyon', 'Quartzline', 'Brightwater', 'Copperleaf', 'Evergreen', 'Falconridge', 'Granite Peak', 'Harborview', 'Ironbark',
  'Juniper', 'Kestrel', 'Lakeshore', 'Meridian', 'Northstar', 'Oakhaven', 'Pinecrest', 'Quillon', 'Redwood', 'Silverline',
  'Tidewater', 'Upland', 'Vantage', 'Westbrook', 'Yellowstone', 'Zenith', 'Amberly', 'Brookfield', 'Cedarline', 'Driftwood',
];

export const companySuffixes = [
  'Corp', 'Industries', 'Labs', 'Systems', 'Logistics', 'Health', 'Capital', 'Foods', 'Energy', 'Analytics',
  'Retail', 'Media', 'Partners', 'Manufacturing', 'Holdings', 'Networks', 'Robotics', 'Pharma', 'Airlines', 'Insurance',
];

export const industries = ['Software', 'Healthcare', 'Financial services', 'Retail', 'Manufacturing', 'Logistics', 'Energy', 'Media', 'Education', 'Public sector'];

export const firstNames = [
  'Amira', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Keiko', 'Liam', 'Maya', 'Nadia',
  'Omar', 'Priya', 'Quinn', 'Rosa', 'Sami', 'Tara', 'Umar', 'Vera', 'Wei', 'Ximena', 'Yusuf', 'Zara', 'Aditi', 'Bruno',
  'Carmen', 'Dmitri', 'Esther', 'Felix', 'Gita', 'Hassan', 'Ivy', 'Jamal', 'Kofi', 'Lena', 'Mateo', 'Noor',
];

export const lastNames = [
  'Okafor', 'Lindqvist', 'Haddad', 'Moreau', 'Tanaka', 'Castillo', 'Novak', 'Adeyemi', 'Fischer', 'Rahman', 'Silva',
  'Kowalski', 'Nguyen', 'Oyelaran', 'Petrov', 'Quispe', 'Rossi', 'Schmidt', 'Takahashi', 'Urquhart', 'Varga', 'Walsh',
  'Yilmaz', 'Zhou', 'Abara', 'Brennan', 'Costa', 'Dubois', 'Eriksen', 'Farouk',
];

export const contactTitles = [
  ['VP Operations', 'sponsor'],
  ['Head of Customer Experience', 'decision_maker'],
  ['IT Director', 'decision_maker'],
  ['Operations Manager', 'champion'],
  ['Team Lead', 'champion'],
  ['Business Analyst', 'user'],
  ['Project Manager', 'user'],
  ['Procurement Manager', 'buyer'],
] as const;
