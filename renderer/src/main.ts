import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createCoreClient, provideCoreClient } from './api';
import { i18n } from './i18n';
import './styles/base.css';

const app = createApp(App);
provideCoreClient(app, createCoreClient());
app.use(createPinia());
app.use(i18n);
app.mount('#app');
