/** The demo region: «Московская область» and real municipalities; every person in the demo is fictional. */
export const DEMO_REGION = 'Московская область';

export const DEMO_MUNICIPALITIES = [
  'Красногорск', 'Дзержинский', 'Щёлково', 'Электросталь', 'Королёв', 'Балашиха', 'Подольск', 'Мытищи',
  'Химки', 'Одинцово', 'Люберцы', 'Коломна', 'Серпухов', 'Сергиев Посад', 'Домодедово', 'Раменское',
];

export const DEMO_PASSWORD = 'laureate-demo';

export const DEMO_USERS = [
  { email: 'admin@example.org', fullName: 'Орлова Вера Станиславовна', role: 'admin', municipality: null, institution: null },
  { email: 'officer@example.org', fullName: 'Гусева Алина Петровна', role: 'officer', municipality: 'Красногорск', institution: null },
  { email: 'officer2@example.org', fullName: 'Лебедев Игорь Валентинович', role: 'officer', municipality: 'Щёлково', institution: null },
  { email: 'juror@example.org', fullName: 'Соколова Марина Андреевна', role: 'juror', municipality: 'Подольск', institution: 'Подольская детская городская больница' },
  { email: 'juror2@example.org', fullName: 'Белов Артём Сергеевич', role: 'juror', municipality: 'Химки', institution: 'Химкинская областная больница' },
  { email: 'juror3@example.org', fullName: 'Зайцева Ольга Дмитриевна', role: 'juror', municipality: 'Коломна', institution: 'Коломенская центральная районная больница' },
] as const;
