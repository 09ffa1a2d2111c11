// Renderer entry (one for all windows): pick the window from the URL, connect the stores to the
// bridge's events once, and render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, windowTitles } from './app.js';
import { windowFromLocation } from './bridge/window-name.js';
import { connectStores } from './stores/event-router.js';
import './styles.css';

const name = windowFromLocation(window.location);
document.title = windowTitles[name];
document.body.dataset.window = name;
connectStores();

const container = document.getElementById('root');
if (container)
  createRoot(container).render(
    <StrictMode>
      <App name={name} />
    </StrictMode>,
  );
