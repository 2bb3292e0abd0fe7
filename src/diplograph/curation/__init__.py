"""Curation: adding a new article's facts to the graph.

One module and one entry function per command:

    find.find_resources      ``diplograph find``        resources by name, label or IRI
    source.new_source        ``diplograph new-source``  a source file for a captured article
    cite.cite                ``diplograph cite``        one evidence annotation in a source file
    scaffold.add_*           ``diplograph add …``       an event, statement, person, place,
                                                        organization or relative date
"""
