// The header's certification chip: shown only while the till is linked to a certification session,
// so the tester never forgets its calls go to the service's API, not to the backend in Settings;
// pressing it opens the Certification tab.
// Test id: certification-chip (data-phase: certification or completed, data-passed once completed).
import { certificationChipText } from '../lib/certification-words.js';
import { useCertificationStore } from '../stores/certification-store.js';

/** The chip; `onOpen` selects the Certification tab. */
export function CertificationChip({ onOpen }: { readonly onOpen: () => void }) {
  const view = useCertificationStore((state) => state.certification);
  if (view === null || !view.connected) return null;
  const session = view.session;
  const completed = session?.phase === 'completed';
  return (
    <button
      type="button"
      className="button chip chip-warning"
      data-testid="certification-chip"
      data-phase={session?.phase ?? 'certification'}
      data-passed={completed ? String(session.passed) : undefined}
      title={`The till calls the certification API${view.apiBaseUrl ? ` at ${view.apiBaseUrl}` : ''}. Open the Certification tab.`}
      onClick={onOpen}
    >
      {certificationChipText(view)}
    </button>
  );
}
