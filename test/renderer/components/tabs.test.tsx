// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Tabs } from '../../../src/renderer/components/tabs.js';
import '../harness.js';

function Strip() {
  const [selected, setSelected] = useState<'a' | 'b' | 'c'>('a');
  return (
    <Tabs
      label="Sections"
      tabs={[
        { id: 'a', label: 'Alpha' },
        { id: 'b', label: 'Beta' },
        { id: 'c', label: 'Gamma' },
      ]}
      selected={selected}
      onSelect={setSelected}
    >
      <p>panel {selected}</p>
    </Tabs>
  );
}

describe('tabs', () => {
  it('keeps only the selected tab in the tab order and labels its panel', () => {
    render(<Strip />);
    expect(screen.getAllByRole('tab').map((tab) => tab.tabIndex)).toEqual([0, -1, -1]);
    expect(screen.getByRole('tabpanel', { name: 'Alpha' }).textContent).toBe('panel a');
  });

  it('moves with the arrow keys, wrapping around, and with Home', async () => {
    const user = userEvent.setup();
    render(<Strip />);
    await user.tab();
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement?.textContent).toBe('Gamma');
    expect(screen.getByRole('tabpanel').textContent).toBe('panel c');
    await user.keyboard('{Home}');
    expect(document.activeElement?.textContent).toBe('Alpha');
  });
});
