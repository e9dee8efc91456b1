/** Stylesheets the project pages import; Vite bundles them. */
declare module '*.css';
