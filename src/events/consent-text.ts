import type { EntityManager } from 'typeorm';
import { defaultOperatorName } from '../consent/consent-form-routes';

/**
 * The consent a registrant accepts, as a new event's form prefills it (the organiser may edit it): art. 9 of
 * 152-FZ asks for the operator, the purposes, the data, the actions, the term and how to withdraw.
 */
export async function defaultConsentText(m: EntityManager, operator: { name: string | null; address: string | null }): Promise<string> {
  const [region] = await m.query(`SELECT name FROM region ORDER BY id LIMIT 1`);
  const name = operator.name ?? defaultOperatorName(region?.name ?? '');
  const who = operator.address ? `${name} (${operator.address})` : name;
  return (
    `В соответствии со статьёй 9 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных» свободно, своей волей и в своём интересе ` +
    `даю согласие оператору — ${who} — на обработку моих персональных данных: фамилии, имени, отчества, адреса электронной почты, ` +
    `телефона, места работы, должности, специальности, региона и муниципального образования. Цели: регистрация и участие в мероприятии, ` +
    `изготовление бейджа, отметка о посещении, выдача сертификата участника, рассылка сведений о мероприятии. Действия: сбор, запись, ` +
    `систематизация, накопление, хранение, уточнение, использование, обезличивание, блокирование, удаление и уничтожение, ` +
    `с использованием средств автоматизации и без них. Согласие действует до окончания мероприятия и одного года после него ` +
    `и может быть отозвано мной в любой момент письменным заявлением оператору.`
  );
}
