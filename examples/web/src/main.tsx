import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initialWsUrl, searchWithWsUrl } from './app/wsUrl';
import './app/styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App
      initialUrl={initialWsUrl(window.location)}
      onUrlChange={(url) =>
        window.history.replaceState(null, '', searchWithWsUrl(window.location.search, url))
      }
    />
  </StrictMode>,
);
