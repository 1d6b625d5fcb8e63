import { Region } from '../regions/region.entity';
import { Municipality } from '../regions/municipality.entity';
import { User } from '../auth/user.entity';
import { Invitation } from '../auth/invitation.entity';
import { SessionRow } from '../auth/session.entity';
import { LoginThrottle } from '../auth/login-throttle.entity';
import { PasswordReset } from '../auth/password-reset.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { Cycle } from '../cycles/cycle.entity';
import { Category } from '../cycles/category.entity';
import { Nominee } from '../nominations/nominee.entity';
import { Nomination } from '../nominations/nomination.entity';
import { Attachment, AttachmentChunk } from '../nominations/attachment.entity';
import { Criterion } from '../jury/criterion.entity';
import { Panel, PanelMember } from '../jury/panel.entity';
import { Assignment, Conflict } from '../jury/assignment.entity';
import { Scorecard, Score, ScoreHistory } from '../jury/scorecard.entity';
import { Deliberation, ResultSnapshot } from '../results/result.entity';
import { Certificate, CertificateCounter, CertificateTemplate } from '../certificates/certificate.entity';
import { MailMessage } from '../mail/mail-message.entity';
import { PublicationConsent } from '../consent/publication-consent.entity';
import { ConsentWithdrawal } from '../consent/consent-withdrawal.entity';
import { Track } from '../programmes/track.entity';
import { TrackPreference } from '../programmes/track-preference.entity';
import { Participant } from '../programmes/participant.entity';
import { PersonDataErasure } from '../consent/person-data-erasure.entity';
import { ProgrammeAllocation } from '../programmes/allocation.entity';
import { Event, EventRegistrar } from '../events/event.entity';
import { Registration } from '../events/registration.entity';
import { AttendanceCertificate } from '../events/attendance-certificate.entity';
import { TrackAttendanceSheet } from '../programmes/attendance-sheet.entity';
import { ApplicationLanguages } from '../programmes/application-languages.entity';

/** Every entity of the schema; ormconfig.ts and the migration-drift test read this list. */
export const entities = [Region, Municipality, User, Invitation, SessionRow, LoginThrottle, PasswordReset, AuditEvent, Cycle, Category, Nominee, Nomination, Attachment, AttachmentChunk,
  Criterion, Panel, PanelMember, Assignment, Conflict, Scorecard, Score, ScoreHistory,
  Deliberation, ResultSnapshot, CertificateTemplate, Certificate, CertificateCounter, MailMessage,
  PublicationConsent, ConsentWithdrawal, Track, TrackPreference, Participant, PersonDataErasure,
  ProgrammeAllocation, Event, EventRegistrar, Registration, AttendanceCertificate, TrackAttendanceSheet, ApplicationLanguages];
