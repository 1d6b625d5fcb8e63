import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { officerOf } from '../auth/policies';
import { municipalityNominations, openCyclesFor } from './officer-queries';
import { withProgrammeTracks } from '../programmes/application-view';

/**
 * The officer's start page: the cycles taking nominations (deadline, time left, each category's rules
 * and what is left of the quota), then every nomination of the municipality.
 */
export function registerOfficerHome(app: Express, dataSource: DataSource): void {
  route(app, { method: 'get', path: '/officer', policy: 'officer' }, async (req, res) => {
    const { municipalityId } = officerOf(req.user);
    // one transaction: a consistent view, and the embedded database keeps its statements together
    const { cycles, nominations } = await dataSource.transaction(async (m) => ({
      cycles: await withProgrammeTracks(m, await openCyclesFor(m, municipalityId, new Date())),
      nominations: await municipalityNominations(m, municipalityId),
    }));
    res.render('officer/home', { title: req.t('officer.home.title'), municipalityName: req.user!.municipalityName, cycles, nominations });
  });
}
