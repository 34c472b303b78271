// NotBuilt.tsx - the honest placeholder of a planned page: what it will do, that it is not
// built yet, and where the data it needs will come from. Also the unknown-route page.
import { Link } from 'react-router-dom';
import type { PageDef } from '../shell/pages';
import { AlertBanner } from '../components/AlertBanner';

export default function NotBuilt({ page }: { page?: PageDef }) {
  if (!page) {
    return (
      <div className="page not-built">
        <h1>Page not found</h1>
        <p className="dim">There is no page at this address. <Link to="/explorer">Open the Data Explorer</Link>.</p>
      </div>
    );
  }
  return (
    <div className="page not-built" data-testid="not-built">
      <div className="page-head">
        <div>
          <h1>{page.title}</h1>
          <div className="sub">{page.summary}</div>
        </div>
      </div>
      <AlertBanner severity="warning" title="Not built yet">
        This screen is planned and has no implementation in this release: nothing here is live
        data. Its issue builds it on the design system and the API that the Data Explorer, Curves
        and Data Health pages already use.
      </AlertBanner>
    </div>
  );
}
