// Sidebar.tsx - the navigation: every page of PAGES by group; pages not built yet are listed
// (dimmed, tagged SOON) and open their honest placeholder.
import { NavLink, useLocation } from 'react-router-dom';
import { PAGES } from './pages';

const GROUPS = ['Data', 'Investment', 'Risk', 'Research'] as const;

export function Sidebar() {
  const loc = useLocation();
  const keep = new URLSearchParams(loc.search).get('as_of');
  const suffix = keep ? `?as_of=${keep}` : '';
  return (
    <nav className="sidebar" aria-label="pages">
      <div className="brand">
        MFS <small>MACRO FUND SYSTEM</small>
      </div>
      {GROUPS.map((g) => (
        <div className="nav-group" key={g}>
          <h3>{g}</h3>
          {PAGES.filter((p) => p.group === g).map((p) => (
            <NavLink
              key={p.path}
              to={p.path + suffix}
              className={({ isActive }) =>
                `nav-link${isActive || (p.path === '/explorer' && loc.pathname.startsWith('/series/')) ? ' active' : ''}${p.built ? '' : ' unbuilt'}`
              }
              title={p.summary}
            >
              <span>{p.title}</span>
              {!p.built && <span className="soon">SOON</span>}
            </NavLink>
          ))}
        </div>
      ))}
    </nav>
  );
}
