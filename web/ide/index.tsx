import { createGraphiQLFetcher, Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import React from 'react';
import { createRoot } from 'react-dom/client';
import './ide.css';
import { operationNameFor } from './operation-name';

/** Example operations, embedded at build time from examples/*.graphql (scripts/build-ide.mjs). */
declare const CASCADE_EXAMPLES: Array<{ name: string; query: string }>;

const httpUrl = `${window.location.origin}/graphql`;
const wsUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;
const send = createGraphiQLFetcher({ url: httpUrl, subscriptionUrl: wsUrl });
// Every run (button, Ctrl+Enter) passes here with the text as it is now.
const fetcher: Fetcher = (params, options) => send({ ...params, operationName: operationNameFor(params.query, params.operationName) }, options);

const tabs = CASCADE_EXAMPLES.map((example) => ({ query: example.query }));

function App() {
  return (
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={tabs.length ? tabs : undefined}
      defaultEditorToolsVisibility="headers"
      // A key goes here when the server requires one: {"Authorization": "Bearer <key>"}
      defaultHeaders={'{}'}
      shouldPersistHeaders
      isHeadersEditorEnabled
    >
      <GraphiQL.Logo>
        <span className="cascade-logo">Cascade</span>
      </GraphiQL.Logo>
    </GraphiQL>
  );
}

createRoot(document.getElementById('graphiql')!).render(<App />);
