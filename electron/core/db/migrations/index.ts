import { m0001Initial } from './0001_initial.js';
import { m0002RecordSearch } from './0002_record_search.js';
import { m0003StateCounts } from './0003_state_counts.js';
import { m0004CertificateRevocation } from './0004_certificate_revocation.js';
import { m0005BatchOrder } from './0005_batch_order.js';
import { m0006DerivedProofs } from './0006_derived_proofs.js';
import { m0007StateCountsPerStatement } from './0007_state_counts_per_statement.js';
import { m0008RecordLockColumns } from './0008_record_lock_columns.js';
import { m0009BatchLeaves } from './0009_batch_leaves.js';
import { m0010DeflatedLeaves } from './0010_deflated_leaves.js';
import { m0011CertificateExpiry } from './0011_certificate_expiry.js';
import { m0012OneApostrophe } from './0012_one_apostrophe.js';
import { m0013CertificatesSetAside } from './0013_certificates_set_aside.js';
import { m0014SetAsideDismissedAndReplaced } from './0014_set_aside_dismissed_and_replaced.js';
import { m0015PeopleDob } from './0015_people_dob.js';
import { m0016ReplacedCertificateHc1 } from './0016_replaced_certificate_hc1.js';
import { m0017DiscardedRecords } from './0017_discarded_records.js';
import { m0018PeoplePairs } from './0018_people_pairs.js';
import { m0019PeopleDistinct } from './0019_people_distinct.js';
import { m0020PeoplePairsPaused } from './0020_people_pairs_paused.js';
import type { Migration } from './migration.js';

/**
 * Every migration, in order. To change the schema: add `NNNN_<name>.ts` with the next number,
 * append it here and its checksum to test/unit/db/migrations.test.ts. Never edit a shipped one.
 */
export const MIGRATIONS: readonly Migration[] = [m0001Initial, m0002RecordSearch, m0003StateCounts, m0004CertificateRevocation, m0005BatchOrder, m0006DerivedProofs, m0007StateCountsPerStatement, m0008RecordLockColumns, m0009BatchLeaves, m0010DeflatedLeaves, m0011CertificateExpiry, m0012OneApostrophe, m0013CertificatesSetAside, m0014SetAsideDismissedAndReplaced, m0015PeopleDob, m0016ReplacedCertificateHc1, m0017DiscardedRecords, m0018PeoplePairs, m0019PeopleDistinct, m0020PeoplePairsPaused];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

export type { Migration } from './migration.js';
