// main.tsx - the entry point: styles, the query client and the router around App.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { makeQueryClient } from './lib/queries';
import './styles/app.css';

const client = makeQueryClient();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <App client={client} />
    </BrowserRouter>
  </StrictMode>,
);
