// What the beacon hardware needs the tester to know (e.g. customers can only scan the QR code), most
// important first, each with what to do about it. Shared by the till's Beacon tab and the phone.
// Test ids: `${testId}` on the list, `${testId}-item` on each notice (data-level, data-code).
import type { HardwareNotice } from '../../shared/bridge/index.js';

/** The notices as a list; nothing when all is well. */
export function HardwareNotices({
  notices,
  testId,
}: {
  readonly notices: readonly HardwareNotice[];
  readonly testId: string;
}) {
  if (notices.length === 0) return null;
  return (
    <ul className="hardware-notices" data-testid={testId} aria-label="Beacon notices">
      {notices.map((notice) => (
        <li
          key={notice.code}
          className={`hardware-notice hardware-notice-${notice.level}`}
          data-testid={`${testId}-item`}
          data-level={notice.level}
          data-code={notice.code}
        >
          <span className="visually-hidden">{notice.level === 'warning' ? 'Warning: ' : 'Note: '}</span>
          <span className="hardware-notice-message">{notice.message}</span>
          {notice.action ? <span className="hardware-notice-action">{notice.action}</span> : null}
        </li>
      ))}
    </ul>
  );
}
