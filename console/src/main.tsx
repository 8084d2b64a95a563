import '@mantine/core/styles.css';
import { Alert, createTheme, MantineProvider, type CSSVariablesResolver } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { SessionProvider } from './auth/session';

// colours dark enough for WCAG 2.1 AA text contrast on white
const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  fontFamily: 'system-ui, sans-serif',
  // a user who asks the system for reduced motion gets no fading modals or drawers (WCAG 2.3.3)
  respectReducedMotion: true,
  // light alerts keep their colour in the border and icon; their words stay black (AA contrast)
  components: { Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-black)' }, message: { color: 'var(--mantine-color-black)' } } }) },
});
// Mantine's dimmed grey (descriptions, placeholders) is below 4.5:1 on white; this one is 7:1.
// Its error red (a field's error and the value typed in it) is 4.0:1; red 9 is 5.9:1.
const resolver: CSSVariablesResolver = () => ({ variables: {}, light: { '--mantine-color-dimmed': '#495057', '--mantine-color-placeholder': '#5c636a', '--mantine-color-error': 'var(--mantine-color-red-9)' }, dark: {} });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={resolver}>
      <BrowserRouter>
        <SessionProvider>
          <App />
        </SessionProvider>
      </BrowserRouter>
    </MantineProvider>
  </StrictMode>,
);
