/** The five regulations the engine knows, by the id the API filters on. */
export const REGULATIONS: { id: string; name: string }[] = [
  { id: 'jilin', name: '吉林省' },
  { id: 'wuhan', name: '武汉市' },
  { id: 'shandong', name: '山东省' },
  { id: 'yunfu', name: '云浮市' },
  { id: 'jinhu', name: '金湖县' },
];

export const regulationName = (id: string): string => REGULATIONS.find((r) => r.id === id)?.name ?? id;
