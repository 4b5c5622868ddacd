/** A seed university as seeds/consortium.json lists it. */
export interface University {
  id: string;
  nameEn: string;
  nameZh: string;
  domain: string;
  devAccount: number;
}
