import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { authRequired } from './app/auth';
import { initialWsUrl, searchWithWsUrl } from './app/wsUrl';
import './app/styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App
      initialUrl={initialWsUrl(window.location)}
      auth={authRequired(window.location.search)}
      onUrlChange={(url) =>
        window.history.replaceState(null, '', searchWithWsUrl(window.location.search, url))
      }
    />
  </StrictMode>,
);
