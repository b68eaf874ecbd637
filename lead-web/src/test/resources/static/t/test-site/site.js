// A stand-in for a product site: loads the tag for the product given once as ?p= (kept for the tab).
var product = new URLSearchParams(location.search).get('p') || sessionStorage.getItem('site-product');
sessionStorage.setItem('site-product', product);
var tag = document.createElement('script');
tag.src = '/t/tag.js';
tag.setAttribute('data-product', product);
document.head.appendChild(tag);
