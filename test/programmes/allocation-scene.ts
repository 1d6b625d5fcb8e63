import type { DataSource } from 'typeorm';
import { createResultsScene } from '../results/scene';

/**
 * A scored programme in the phase «распределение мест», for the allocation tests: the results scene's category
 * (scored by two jurors) made the programme's one ranking, three competitive tracks pointing to it, and each
 * application's ranked preferences, written straight into the tables as the applications pages would have.
 *
 *   Неонатология: 2 places, quota 1 per municipality · Хирургия: 1 place · Педиатрия: 2 places
 *   0 Абрамова  (Красногорск, rank 1): Неонатология, Хирургия
 *   1 Борисова  (Красногорск, rank 2): Неонатология, Педиатрия   → quota on Неонатология used by 0
 *   2 Власова   (Щёлково,     rank 3): Неонатология, Хирургия    } a tie no rule breaks: the lottery orders them
 *   3 Громова   (Балашиха,    rank 3): Неонатология, Хирургия    }
 *   4 Данилова  (Мытищи,      rank 5): Хирургия, Неонатология    → both full: reserve
 */
export async function createAllocationScene(ds: DataSource) {
  const scene = await createResultsScene(ds, {
    municipalities: ['Красногорск', 'Красногорск', 'Щёлково', 'Балашиха', 'Мытищи'],
    lastNames: ['Абрамова', 'Борисова', 'Власова', 'Громова', 'Данилова'],
    cards: [
      [0, 0, [10, 10, 10]], [0, 1, [9, 9, 9]], [0, 2, [7, 7, 7]], [0, 3, [7, 7, 7]], [0, 4, [5, 5, 5]],
      [1, 0, [10, 10, 10]], [1, 1, [9, 9, 9]], [1, 2, [7, 7, 7]], [1, 3, [7, 7, 7]], [1, 4, [5, 5, 5]],
    ],
  });
  const { cycle, category, ids } = scene;
  await ds.query(`UPDATE category SET name = 'Стажировки 2027' WHERE id = $1`, [category.id]);
  await ds.query(`UPDATE cycle SET kind = 'programme', status = 'allocation', ranking_scope = 'programme', name = 'Стажировки 2027' WHERE id = $1`, [cycle.id]);
  const track = async (name: string, places: number, quota: number | null, sortOrder: number): Promise<number> => {
    const [row] = await ds.query(
      `INSERT INTO track (cycle_id, name, host_institution, city, country, start_date, end_date, academic_hours, format, places, quota_per_municipality, place_method, category_id, sort_order)
       VALUES ($1, $2, 'НМИЦ здоровья детей', 'Москва', 'Россия', '2027-03-01', '2027-03-26', 144, 'in_person', $3, $4, 'competitive', $5, $6) RETURNING id`,
      [cycle.id, name, places, quota, category.id, sortOrder],
    );
    return row.id;
  };
  const tracks = { neonatology: await track('Неонатология', 2, 1, 1), surgery: await track('Хирургия', 1, null, 2), paediatrics: await track('Педиатрия', 2, null, 3) };
  const preferences = [
    [tracks.neonatology, tracks.surgery],
    [tracks.neonatology, tracks.paediatrics],
    [tracks.neonatology, tracks.surgery],
    [tracks.neonatology, tracks.surgery],
    [tracks.surgery, tracks.neonatology],
  ];
  for (const [i, list] of preferences.entries()) {
    for (const [k, trackId] of list.entries()) await ds.query(`INSERT INTO track_preference (nomination_id, rank, track_id) VALUES ($1, $2, $3)`, [ids[i], k + 1, trackId]);
    // the offer is mailed to each doctor: one address each (one participant per address and track)
    await ds.query(`UPDATE nominee SET email = $2 WHERE id = (SELECT nominee_id FROM nomination WHERE id = $1)`, [ids[i], `doctor${i}@example.org`]);
  }
  return { cycleId: cycle.id, categoryId: category.id, ids, tracks };
}
