import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A BRIN index on `interaction_events.received_at`, for the dashboard's events per second (count of the
 * last minute): rows arrive in received order, so a summary per block range is a few pages in all, nearly
 * free to keep up on append, and the count reads only the last ranges instead of the whole log.
 */
export class AddInteractionEventsReceivedAtBrin1767600000000 implements MigrationInterface {
  name = 'AddInteractionEventsReceivedAtBrin1767600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX interaction_events_received_at_brin ON interaction_events USING brin (received_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX interaction_events_received_at_brin');
  }
}
