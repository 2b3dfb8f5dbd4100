/**
 * The id of every page's <main>: the skip link's target. Each <main> also has tabIndex -1, so that
 * following the link moves keyboard focus there, not only the scroll position.
 */
export const MAIN_ID = "main-content";
