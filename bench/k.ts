/** Results per query, as the app asks for them (src/app/App.tsx RESULTS). */
export const K = 20;
