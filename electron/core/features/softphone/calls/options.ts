/**
 * The agent's softphone options (auto-answer, ring timeout) and the count of calls refused this
 * shift: both are shown with every view and the options are read on every INVITE, so both are
 * kept in memory and the options written through.
 */
import type { SoftphoneOptions } from '@shared/softphone/contract';
import { softphoneOptionsSchema } from '@shared/softphone/contract';
import type { CallServiceDeps } from '../call-service';

export type { SoftphoneOptions } from '@shared/softphone/contract';
const defaultOptions: SoftphoneOptions = { autoAnswer: false, ringTimeoutSeconds: 20 };

export class SoftphoneSettings {
  private optionsCache: SoftphoneOptions | null = null;
  private refused: { shift: string; n: number } | null = null;

  constructor(
    private readonly deps: Pick<
      CallServiceDeps,
      'clock' | 'logger' | 'session' | 'settings' | 'calls'
    >,
  ) {}

  options(): SoftphoneOptions {
    this.optionsCache ??= {
      ...defaultOptions,
      ...this.deps.settings.getParsed(
        'softphone.options',
        softphoneOptionsSchema.partial(),
        this.deps.logger,
      ),
    };
    return this.optionsCache;
  }

  setOptions(patch: Partial<SoftphoneOptions>): void {
    this.deps.session.requireSession();
    const next = { ...this.options(), ...patch };
    this.deps.settings.set('softphone.options', JSON.stringify(next), this.deps.clock.now());
    this.optionsCache = next;
  }

  /** Calls refused while the agent was not 示闲, this shift (read from the records once per shift). */
  refusedCount(): number {
    const shift = this.deps.session.current()?.shift.id;
    if (!shift) return 0;
    if (this.refused?.shift !== shift) {
      this.refused = { shift, n: this.deps.calls.refusedInShift(shift) };
    }
    return this.refused.n;
  }

  /** Keeps the in-memory count in step with a refusal being recorded in `shift`. */
  countRefused(shift: string): void {
    if (this.refused?.shift === shift) this.refused.n += 1;
  }
}
