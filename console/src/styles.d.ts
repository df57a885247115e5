/** Style sheets imported for their effect (Vite bundles them beside the chunk that imports them). */
declare module '*.css';
