// First: zod builds schemas on import (the builder validates specs) and must not probe eval under the CSP.
import './host/zod-jitless.ts';
import { mount } from 'svelte';
import App from './App.svelte';
import { createLabApi } from './host/index.ts';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('critlab: #app element missing from index.html');

mount(App, { target, props: { lab: createLabApi() } });
