import type { CycleStatus } from '../cycles/cycle.entity';

/**
 * A programme's tracks are added, edited and deleted only until applications close: applicants rank the
 * tracks as they were offered, and from screening on, selection and allocation count their places and
 * quotas. Pure: the programme's page offers only what it allows, tracks.ts refuses the rest.
 */
export const mayChangeTracks = (status: CycleStatus): boolean => status === 'draft' || status === 'nominations_open';
